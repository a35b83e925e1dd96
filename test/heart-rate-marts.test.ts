import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  executeRun,
  type RunResult,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// The heart-rate marts on hand-built samples and zones, built by the built-in runner (real dbt
// builds the same SQL in test/dbt-parity.test.ts). Expected values are computed here from the
// arrays, independently of the SQL.

/** One hand-built reading: series, UTC instant (ISO), bpm. */
interface Reading {
  readonly source: string;
  readonly device: string;
  readonly at: string;
  readonly bpm: number;
}

/** Strava-style heart-rate zones: [lower, upper) in bpm, the top one open (-1). */
const ZONES: readonly (readonly [number, number])[] = [
  [0, 120],
  [120, 140],
  [140, 160],
  [160, 180],
  [180, -1],
];
/** An athlete whose zones were loaded earlier: they must not count. */
const OLD_ZONES: readonly (readonly [number, number])[] = [
  [0, 100],
  [100, 110],
  [110, 120],
  [120, 130],
  [130, -1],
];

const every = (start: string, stepS: number, count: number, bpm: (i: number) => number, device = 'watch') =>
  Array.from({ length: count }, (_, i): Reading => ({
    source: 'google_health',
    device,
    at: new Date(Date.parse(start) + i * stepS * 1000).toISOString(),
    bpm: bpm(i),
  }));

const READINGS: readonly Reading[] = [
  // 10 min every 5 s: zone 1, then zone 3, a reading on the zone 2 boundary (120) and a glitch
  ...every('2024-03-05T10:00:00Z', 5, 120, (i) => (i < 60 ? 100 : i === 60 ? 120 : i === 70 ? 250 : 150)),
  // a second wearable overlapping the first, every 7 s in zone 4: one timeline, never twice the time
  ...every('2024-03-05T10:05:01Z', 7, 30, () => 170, 'band').map((r) => ({ ...r, source: 'fitbit_takeout' })),
  // after a 20-min gap (no time for the reading before it): zone 5 every 10 s
  ...every('2024-03-05T10:30:00Z', 10, 6, () => 185),
  // across midnight: each reading's time counts on its own day
  ...every('2024-03-05T23:59:30Z', 10, 7, (i) => 130 + i * 10),
];

/** Seconds per day and zone (1-5), computed the mart's stated way: one timeline, gaps over 60 s add nothing. */
function expectedZones(readings: readonly Reading[]): Map<string, number[]> {
  const series = (r: Reading) => `${r.source}|${r.device}|${r.at.slice(0, 13)}`;
  const plausible = readings
    .filter((r) => r.bpm >= 30 && r.bpm <= 240)
    .sort((a, b) => (a.at === b.at ? (series(a) < series(b) ? -1 : 1) : a.at < b.at ? -1 : 1));
  const days = new Map<string, number[]>();
  plausible.forEach((r, i) => {
    const day = r.at.slice(0, 10);
    const seconds = days.get(day) ?? [0, 0, 0, 0, 0];
    days.set(day, seconds);
    const next = plausible[i + 1];
    const gap = next ? (Date.parse(next.at) - Date.parse(r.at)) / 1000 : Infinity;
    const zone = ZONES.findIndex(([lo, hi]) => r.bpm >= lo && (hi < 0 || r.bpm < hi));
    if (gap <= 60) seconds[zone]! += gap;
  });
  return days;
}

describe('heart-rate marts on hand-built samples (built-in runner)', { timeout: 300_000 }, () => {
  let runtime: TestRuntime;
  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await runtime.warehouse.query(sql, params)).rows as T[];
  const failures = (r: RunResult) =>
    r.outcomes
      .filter((o) => o.status !== 'success' || o.checks.some((c) => c.status === 'failure'))
      .map((o) => [o.assetKey, o.error, o.checks.filter((c) => c.status === 'failure')]);
  const build = async (selection: string): Promise<void> => {
    const run = await executeRun({ definitions: defs, runtime, log: pino({ level: 'silent' }), selection });
    expect(failures(run)).toEqual([]);
  };
  const insertReadings = async (readings: readonly Reading[]): Promise<void> => {
    await q(
      `insert into raw.heart_rate_samples (series_id, source, device, sampled_at, bpm, _source_object, _loaded_at)
       select s || '|' || d || '|' || to_char(a at time zone 'UTC', 'YYYY-MM-DD"T"HH24'), s, d, a, b, 'hand-built', clock_timestamp()
         from unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[]) as u (s, d, a, b)`,
      [
        readings.map((r) => r.source),
        readings.map((r) => r.device),
        readings.map((r) => r.at),
        readings.map((r) => r.bpm),
      ],
    );
  };
  const insertZones = async (athleteId: number, zones: typeof ZONES, loadedAt: string): Promise<void> => {
    for (const [i, [lo, hi]] of zones.entries())
      await q(
        `insert into raw.strava_athlete_zones (athlete_id, zone_type, zone_index, min_value, max_value, custom_zones, record, _source_object, _loaded_at)
         values ($1, 'heart_rate', $2, $3, $4, false, '{}', 'hand-built', $5)`,
        [athleteId, i + 1, lo, hi, loadedAt],
      );
  };
  const MARTS = [
    'staging/stg_heart_rate__samples',
    'staging/stg_strava__activities',
    'staging/stg_strava__activity_streams',
    'staging/stg_strava__athlete',
    'staging/stg_strava__athlete_zones',
    'marts/dim_date',
    // the record that wins each activity's streams: the Strava part of the hourly maximum reads it
    'staging/stg_strava__export_activities',
    'staging/stg_files__match_overrides',
    'marts/fct_activity_sources',
    'marts/fct_hourly_max_heart_rate',
    'marts/fct_daily_heart_rate',
  ].join(' ');

  beforeAll(async () => {
    runtime = await createTestRuntime({ projectDir: repoRoot, env: { VOYAGER_DBT_RUNNER: 'builtin' } });
    // the load asset creates the raw tables (load's migrations) on an empty landing zone
    await build('raw/strava_athlete');
    for (const id of [5, 77])
      await q(
        `insert into raw.strava_athlete (athlete_id, record, _source_object, _loaded_at) values ($1, '{}', 'hand-built', now())`,
        [id],
      );
    await insertZones(5, OLD_ZONES, '2024-01-01T00:00:00Z');
    await insertZones(77, ZONES, '2024-02-01T00:00:00Z');
    await insertReadings(READINGS);
    await build(MARTS);
  }, 300_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it("fct_daily_heart_rate: seconds per zone per day from the latest athlete's zones, one timeline across wearables", async () => {
    const rows = await q<{ day: string; zones: (number | null)[] }>(
      `select to_char(date_day, 'YYYY-MM-DD') as day,
              array[time_in_zone_1_s, time_in_zone_2_s, time_in_zone_3_s, time_in_zone_4_s, time_in_zone_5_s] as zones
         from marts.fct_daily_heart_rate order by 1`,
    );
    const expected = expectedZones(READINGS);
    expect(rows).toEqual([...expected].map(([day, zones]) => ({ day, zones })));
    // after midnight: 160 and 170 bpm hold 10 s each (zone 4), 180 bpm 10 s (zone 5, open at the
    // top), the last reading nothing
    expect(rows.map((r) => r.day)).toEqual(['2024-03-05', '2024-03-06']);
    expect(rows[1]!.zones).toEqual([0, 0, 0, 20, 10]);
  });

  it('fct_hourly_max_heart_rate: an hour whose readings are gone upstream, or all implausible after a reload, loses its row; other hours keep theirs', async () => {
    const hours = () =>
      q<{ hour: string; source: string; max: number; loaded_at: string }>(
        `select to_char(hour_started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, source,
                max_heart_rate_bpm::float8 as max, loaded_at::text as loaded_at
           from marts.fct_hourly_max_heart_rate where hour_started_at >= '2024-04-01' order by 1, 2`,
      );
    await insertReadings([
      ...every('2024-04-01T08:00:00Z', 5, 12, (i) => 90 + i),
      ...every('2024-04-01T09:00:00Z', 5, 12, (i) => 95 + i),
      ...every('2024-04-01T10:00:00Z', 5, 12, (i) => 100 + i),
    ]);
    await build(MARTS);
    const before = await hours();
    expect(before.map((r) => [r.hour, r.source, r.max])).toEqual([
      ['2024-04-01T08', 'google_health', 101],
      ['2024-04-01T09', 'google_health', 106],
      ['2024-04-01T10', 'google_health', 111],
    ]);
    // 08: its points are gone from raw (no load time is left behind to find the hour by)
    await q(
      `delete from raw.heart_rate_samples where sampled_at >= '2024-04-01T08:00Z' and sampled_at < '2024-04-01T09:00Z'`,
    );
    // 09: its series is reloaded with every reading out of the plausible range (a sensor glitch)
    await q(
      `delete from raw.heart_rate_samples where sampled_at >= '2024-04-01T09:00Z' and sampled_at < '2024-04-01T10:00Z'`,
    );
    await insertReadings(every('2024-04-01T09:00:00Z', 5, 12, () => 0));
    await build(MARTS);
    const after = await hours();
    expect(after).toEqual([before[2]]);
    const days = await q<{ day: string; max: number }>(
      `select to_char(date_day, 'YYYY-MM-DD') as day, max_heart_rate_bpm::float8 as max
         from marts.fct_daily_heart_rate where date_day = '2024-04-01'`,
    );
    expect(days).toEqual([{ day: '2024-04-01', max: 111 }]);
  });
});
