import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sharedData } from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// The heart-rate group through the real CLI: `voyager import heart-rate` of the real Fitabase
// files, then a backfill of 48 hourly partitions of group:heart_rate+ (the landing asset reads
// the Google Health API simulator the CLI starts, which has nothing before 2021), a re-run of one
// partition, and the marts checked against the CSV, read here with csv-parse.
const SLICE =
  'fitbit-fitabase/heartrate_seconds_slices/heartrate_seconds_merged.slice_user8877689391_2016-05-10_to_05-12.csv';
const FROM = '2016-05-10T07:00';
const TO = '2016-05-12T07:00'; // [FROM, TO): 48 hours
const WINDOW = { start: Date.parse('2016-05-10T07:00:00Z'), end: Date.parse('2016-05-12T07:00:00Z') };

let env: Record<string, string>;
let home: string;
/** hour ISO -> { max, n } of the CSV's samples in the window (times read as UTC, one per instant). */
const expected = new Map<string, { max: number; n: number }>();

async function sql<T>(query: string): Promise<T[]> {
  const run = await runVoyager(['sql', query, '--json', '--limit', '0'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T[];
}

type Outcome = { assetKey: string; partitionKey?: string; partitionKeys?: string[] };

async function materialize(args: string[]): Promise<Outcome[]> {
  const run = await runVoyager(['materialize', ...args, '--json'], env);
  expect(run.code, run.stderr + run.stdout.slice(-2000)).toBe(0);
  return (JSON.parse(run.stdout) as { outcomes: Outcome[] }).outcomes;
}

const HOURLY = `select to_char(hour_started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, max_heart_rate_bpm::float8 as max,
  sample_count::int as n, loaded_at::text as loaded_at from marts.fct_hourly_max_heart_rate where source = 'fitabase' order by 1`;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-heart-rate-'));
  await chmod(home, 0o755);
  const exports = join(home, 'fitabase');
  await mkdir(exports);
  for (const f of [
    SLICE,
    'fitbit-fitabase/dailyActivity_merged.csv',
    'fitbit-fitabase/sleepDay_merged.csv',
    'fitbit-fitabase/weightLogInfo_merged.csv',
    'fitbit-fitabase/hourlyCalories_merged.csv',
  ])
    await copyFile(sharedData(f), join(exports, f.split('/').at(-1)!));
  const rows = parse(await readFile(sharedData(SLICE)), {
    from_line: 2,
    skip_empty_lines: true,
  }) as string[][];
  const seen = new Set<string>();
  for (const [, time, value] of rows) {
    const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d):(\d\d) ([AP]M)$/.exec(time!)!;
    const at = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, (+m[4]! % 12) + (m[7] === 'PM' ? 12 : 0), +m[5]!, +m[6]!);
    if (at < WINDOW.start || at >= WINDOW.end || seen.has(time!)) continue;
    seen.add(time!);
    const hour = new Date(at).toISOString().slice(0, 13);
    const e = expected.get(hour) ?? { max: 0, n: 0 };
    expected.set(hour, { max: Math.max(e.max, Number(value)), n: e.n + 1 });
  }
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
  const imported = await runVoyager(['import', 'heart-rate', exports, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  // the command it suggests ends its half-open range one hour after the last hour with samples
  const summary = JSON.parse(imported.stdout) as Record<string, string>;
  const after = new Date(Date.parse(`${summary.last_hour}Z`) + 3_600_000).toISOString().slice(0, 16);
  expect(summary.backfill_command).toMatch(new RegExp(`--from ${summary.first_hour} --to ${after}$`));
  // load's migrations create the raw tables the Strava staging views read, then the views
  await materialize(['-s', 'raw/fitabase_daily_activity']);
  // (the views these marts read, not every staging model: other sources' raw tables, such as
  // totesys's, exist only once they load)
  await materialize([
    '-s',
    [
      'staging/stg_strava__activities',
      'staging/stg_strava__activity_streams',
      // the athlete's heart-rate zones: fct_daily_heart_rate's time in zones
      'staging/stg_strava__athlete',
      'staging/stg_strava__athlete_zones',
      'staging/stg_heart_rate__samples',
      'staging/stg_heart_rate__fitabase_daily_activity',
      'staging/stg_heart_rate__fitabase_sleep_days',
      'staging/stg_heart_rate__fitabase_weight_logs',
      'marts/dim_date',
      // the record that wins each activity's streams: the Strava part of the hourly maximum reads it
      'staging/stg_strava__export_activities',
      'staging/stg_files__match_overrides',
      'marts/fct_activity_sources',
    ].join(' '),
  ]);
}, 600_000);

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('heart rate: a 48-partition backfill of real Fitabase data', { timeout: 600_000 }, () => {
  let first: { hour: string; max: number; n: number; loaded_at: string }[];

  it('backfills 48 hourly partitions and the marts equal the CSV', async () => {
    const outcomes = await materialize(['-s', 'group:heart_rate+', '--from', FROM, '--to', TO]);
    const steps = outcomes.filter((o) => o.assetKey === 'raw/heart_rate_samples');
    // raw's backfill policy (744 hours a step) loads the 48 consecutive hours in one step
    expect(steps).toHaveLength(1);
    const partitions = steps.flatMap((o) => o.partitionKeys ?? [o.partitionKey!]);
    expect([partitions.length, partitions[0], partitions.at(-1)]).toEqual([48, FROM, '2016-05-12T06:00']);
    expect(outcomes.filter((o) => o.assetKey === 'landing/heart_rate/samples')).toHaveLength(48);
    const [raw] = await sql<{ n: number; hours: number }>(
      `select count(*)::int as n, count(distinct date_trunc('hour', sampled_at))::int as hours
         from raw.heart_rate_samples where source = 'fitabase'`,
    );
    const total = [...expected.values()].reduce((n, e) => n + e.n, 0);
    expect(raw).toEqual({ n: total, hours: expected.size });
    first = await sql(HOURLY);
    expect(first.map((r) => [r.hour, r.max, r.n])).toEqual(
      [...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h, e]) => [h, e.max, e.n]),
    );
    const status = await runVoyager(['status', '--json', '--select', 'raw/heart_rate_samples'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('2016-05-11T12:00');
    const [daily] = await sql<{ days: number; fitabase: number }>(
      `select (select count(*)::int from marts.fct_daily_heart_rate) as days,
              (select count(*)::int from marts.fct_fitabase_daily_activity) as fitabase`,
    );
    const activityRows = (
      parse(await readFile(sharedData('fitbit-fitabase/dailyActivity_merged.csv')), {
        from_line: 2,
      }) as string[][]
    ).length;
    expect(daily).toEqual({ days: 3, fitabase: activityRows });
  });

  it('re-running one partition duplicates nothing and the incremental mart keeps every other hour', async () => {
    // the same file imported again lands every hour anew; only the re-run partition loads it
    const imported = await runVoyager(['import', 'heart-rate', join(home, 'fitabase'), '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    await materialize([
      '-s',
      'landing/heart_rate/samples raw/heart_rate_samples',
      '--partition',
      '2016-05-11T12',
    ]);
    const [raw] = await sql<{ n: number; dupes: number }>(
      `select count(*)::int as n, (count(*) - count(distinct (series_id, sampled_at)))::int as dupes from raw.heart_rate_samples`,
    );
    expect(raw).toEqual({ n: [...expected.values()].reduce((n, e) => n + e.n, 0), dupes: 0 });
    await materialize(['-s', 'marts/fct_hourly_max_heart_rate']);
    const again = await sql<{ hour: string; max: number; n: number; loaded_at: string }>(HOURLY);
    expect(again.map((r) => [r.hour, r.max, r.n])).toEqual(first.map((r) => [r.hour, r.max, r.n]));
    // only the re-loaded hour was rebuilt: every other hour keeps its row as it was
    const changed = again.filter((r, i) => r.loaded_at !== first[i]!.loaded_at).map((r) => r.hour);
    expect(changed).toEqual(['2016-05-11T12']);
  });

  it('a Google Takeout heart_rate file lands its samples by hour; unreadable entries go to raw.rejected_rows with the reason', async () => {
    // a file our test writes in Takeout's shape: one entry every 5 s of 2024-03-05 10:00 UTC, and two bad ones
    const entries: unknown[] = Array.from({ length: 720 }, (_, i) => ({
      dateTime: `03/05/24 10:${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`,
      value: { bpm: 60 + (i % 50), confidence: 2 },
    }));
    entries.push({ dateTime: '03/05/24 10:30:02', value: { bpm: 'high', confidence: 0 } });
    entries.push({ dateTime: '2024-03-05 10:31', value: { bpm: 70, confidence: 2 } });
    const takeout = join(home, 'Takeout', 'Fitbit', 'Global Export Data');
    await mkdir(takeout, { recursive: true });
    await writeFile(join(takeout, 'heart_rate-2024-03-05.json'), JSON.stringify(entries));
    const imported = await runVoyager(['import', 'heart-rate', join(home, 'Takeout'), '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    await materialize(['-s', 'raw/heart_rate_samples+', '--partition', '2024-03-05T10']);
    const [raw] = await sql<{ n: number; max: number }>(
      `select count(*)::int as n, max(bpm)::float8 as max from raw.heart_rate_samples where source = 'fitbit_takeout'`,
    );
    expect(raw).toEqual({ n: 720, max: 109 });
    const rejected = await sql<{ reason: string }>(
      `select reason from raw.rejected_rows where target_table = 'heart_rate_samples' order by line`,
    );
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/heart_rate-2024-03-05\.json line 721: value\.bpm "high" is not a number/),
      expect.stringMatching(/line 722: dateTime "2024-03-05 10:31" is not MM\/DD\/YY HH:mm:ss/),
    ]);
    const [hour] = await sql<{ max: number; n: number }>(
      `select max_heart_rate_bpm::float8 as max, sample_count::int as n from marts.fct_hourly_max_heart_rate where source = 'fitbit_takeout'`,
    );
    expect(hour).toEqual({ max: 109, n: 720 });
  });
});
