import type { RawRow, RawTable } from '../raw-table.js';

/** Landing dataset of heart-rate samples (extract's `heart_rate/samples`), one folder per UTC hour. */
export const HEART_RATE_SAMPLES_DATASET = 'heart_rate/samples';

/** The landing folder of one UTC hour: `heart_rate/samples/hour=2016-04-12T07`. */
export function heartRateHourDataset(hourStart: Date): string {
  return `${HEART_RATE_SAMPLES_DATASET}/hour=${hourStart.toISOString().slice(0, 13)}`;
}

/** One row per sample of a landed series (`values` in the table's column order). */
function* samples(record: Readonly<Record<string, unknown>>): Generator<RawRow> {
  if (typeof record.problem === 'string' && record.problem !== '') throw new Error(record.problem);
  const { series_id, source, device, hour_started_at, offsets_ms, bpm } = record;
  const start = typeof hour_started_at === 'string' ? Date.parse(hour_started_at) : Number.NaN;
  if (Number.isNaN(start))
    throw new Error(`hour_started_at ${JSON.stringify(hour_started_at)} is not an instant`);
  if (!Array.isArray(offsets_ms) || !Array.isArray(bpm) || offsets_ms.length !== bpm.length)
    throw new Error('offsets_ms and bpm must be arrays of the same length');
  for (let i = 0; i < bpm.length; i++) {
    const offset = offsets_ms[i] as unknown;
    if (typeof offset !== 'number' || offset < 0 || offset >= 3_600_000)
      throw new Error(`offsets_ms[${i}] ${JSON.stringify(offset)} is not within the hour`);
    yield { values: [series_id, source, device, new Date(start + offset).toISOString(), bpm[i]] };
  }
}

/**
 * `raw.heart_rate_samples`: one row per heart-rate sample (instant UTC `sampled_at`, `bpm`,
 * `source`, `device`), a bulk table: each landed series (source, device, UTC hour) replaces every
 * earlier row of that series, so a re-run of an hour, or a file imported twice, never duplicates.
 * A landed row with a `problem` (an unreadable line of an imported file) goes to
 * `raw.rejected_rows` with it.
 */
export const HEART_RATE_SAMPLES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'heart_rate_samples',
  dataset: HEART_RATE_SAMPLES_DATASET,
  columns: [
    { name: 'series_id', type: 'text', required: true },
    { name: 'source', type: 'text', required: true },
    { name: 'device', type: 'text', required: true },
    { name: 'sampled_at', type: 'timestamptz', required: true },
    { name: 'bpm', type: 'double precision', required: true },
  ],
  key: ['series_id', 'sampled_at'],
  replaceBy: 'series_id',
  keepRecord: false,
  bulk: true,
  knownFields: new Set([
    'series_id',
    'source',
    'device',
    'hour_started_at',
    'offsets_ms',
    'bpm',
    'problem',
    'row',
  ]),
  explode: samples,
});
