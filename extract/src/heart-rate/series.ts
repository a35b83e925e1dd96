import { writeLandingBatch, type ObjectStore } from '@voyager/orchestration';
import { hourDataset } from './constants.js';
import type { HeartRateSample, HeartRateSeries } from './schemas.js';

const HOUR_MS = 3_600_000;

/**
 * Groups samples into one {@link HeartRateSeries} per (UTC hour, source, device), samples in time
 * order; a second sample of a series at the same instant is dropped (the first one wins), so a
 * series never holds one instant twice.
 * @returns series by the epoch ms of their hour, hours ascending.
 */
export function groupSeries(samples: Iterable<HeartRateSample>): Map<number, HeartRateSeries[]> {
  const bySeries = new Map<
    string,
    { hour: number; source: string; device: string; points: Map<number, number> }
  >();
  for (const s of samples) {
    const hour = Math.floor(s.at / HOUR_MS) * HOUR_MS;
    const id = `${s.source}|${s.device}|${new Date(hour).toISOString().slice(0, 13)}`;
    let series = bySeries.get(id);
    if (!series) bySeries.set(id, (series = { hour, source: s.source, device: s.device, points: new Map() }));
    if (!series.points.has(s.at)) series.points.set(s.at, s.bpm);
  }
  const byHour = new Map<number, HeartRateSeries[]>();
  for (const [id, s] of [...bySeries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const times = [...s.points.keys()].sort((a, b) => a - b);
    const list = byHour.get(s.hour) ?? [];
    list.push({
      series_id: id,
      source: s.source,
      device: s.device,
      hour_started_at: new Date(s.hour).toISOString(),
      offsets_ms: times.map((t) => t - s.hour),
      bpm: times.map((t) => s.points.get(t)!),
    });
    byHour.set(s.hour, list);
  }
  return new Map([...byHour].sort(([a], [b]) => a - b));
}

/** What {@link landHeartRateSeries} wrote. */
export interface LandedHours {
  /** UTC hours landed, as partition keys (`YYYY-MM-DDTHH:00`), ascending. */
  readonly hours: string[];
  readonly series: number;
  readonly samples: number;
}

/** The hourly partition key of an hour start: `2016-04-12T07:00`. */
export const hourKey = (hourStart: number | Date): string =>
  `${new Date(hourStart).toISOString().slice(0, 13)}:00`;

/**
 * Lands series as one batch per UTC hour in `heart_rate/samples/hour=<hour>/` (ingest date = the
 * hour's date), so `raw/heart_rate_samples` of that hourly partition finds them. `emptyHours`
 * (epoch ms of hour starts) get a batch even without series: the API said "nothing in that hour".
 */
export async function landHeartRateSeries(
  store: ObjectStore,
  runId: string,
  byHour: ReadonlyMap<number, readonly (HeartRateSeries | Record<string, unknown>)[]>,
  options: { readonly emptyHours?: readonly number[]; readonly metadata?: Record<string, unknown> } = {},
): Promise<LandedHours> {
  const hours = new Set([...byHour.keys(), ...(options.emptyHours ?? [])]);
  let series = 0;
  let samples = 0;
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const records = byHour.get(hour) ?? [];
    series += records.filter((r) => Array.isArray(r.bpm)).length;
    for (const r of records) samples += Array.isArray(r.bpm) ? r.bpm.length : 0;
    await writeLandingBatch(store, {
      dataset: hourDataset(new Date(hour)),
      runId,
      ingestDate: new Date(hour).toISOString().slice(0, 10),
      records,
      recordsPerPart: 50,
      metadata: { ...options.metadata, hour: hourKey(hour) },
    });
  }
  return { hours: [...hours].sort((a, b) => a - b).map(hourKey), series, samples };
}
