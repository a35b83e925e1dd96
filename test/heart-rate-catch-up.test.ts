import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sharedData } from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// Issue 16: Google Takeout heart-rate hours landed by `voyager import heart-rate` reach raw in a
// run that names no partition (as `npm start`), through raw/heart_rate_samples's missingPartitions
// hook and its backfill policy; a second run catches up nothing. The Takeout files are the real
// Fitabase per-second heart rate of one person (2016-04-01..04-03) written in Takeout's shape
// (`heart_rate-YYYY-MM-DD.json`, `MM/DD/YY HH:mm:ss` UTC), the CSV read here with csv-parse.
// Files dropped in the inbox load in the run that takes them (the executor's second pass).
const SLICE =
  'fitbit-fitabase/heartrate_seconds_slices/heartrate_seconds_merged.slice_user2022484408_2016-04-01_to_04-03.csv';
const HOURS_PER_STEP = 744;
/** Another person's days (2016-05-10..12), dropped in the inbox as Takeout files. */
const INBOX_SLICE =
  'fitbit-fitabase/heartrate_seconds_slices/heartrate_seconds_merged.slice_user8877689391_2016-05-10_to_05-12.csv';

let env: Record<string, string>;
let home: string;
/** `YYYY-MM-DDTHH:00` -> samples of the hour (one per instant, the first wins, as the importer keeps). */
const expected = new Map<string, number>();

interface Outcome {
  assetKey: string;
  partitionKey?: string;
  partitionKeys?: string[];
  status: string;
}

async function sql<T>(query: string): Promise<T[]> {
  const run = await runVoyager(['sql', query, '--json', '--limit', '0'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T[];
}

/** A run with no partition of raw/heart_rate_samples, logging at info: its outcomes and log. */
async function runWithoutPartition(
  selection = 'raw/heart_rate_samples',
): Promise<{ raw: Outcome[]; log: string }> {
  const run = await runVoyager(['materialize', '-s', selection, '--json'], {
    ...env,
    VOYAGER_LOG_LEVEL: 'info',
  });
  expect(run.code, run.stderr.slice(-3000) + run.stdout.slice(-2000)).toBe(0);
  const outcomes = (JSON.parse(run.stdout) as { outcomes: Outcome[] }).outcomes;
  return { raw: outcomes.filter((o) => o.assetKey === 'raw/heart_rate_samples'), log: run.stderr };
}

const keysOf = (o: Outcome): string[] => o.partitionKeys ?? (o.partitionKey ? [o.partitionKey] : []);

/** The latest complete UTC hour as a partition key, at the time of the call. */
const latestHour = (): string => `${new Date(Date.now() - 3_600_000).toISOString().slice(0, 13)}:00`;

const PER_HOUR = `select to_char(date_trunc('hour', sampled_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00') as hour,
  count(*)::int as n from raw.heart_rate_samples where source = 'fitbit_takeout' group by 1 order by 1`;

/** The slice's samples as Takeout files in `folder` (one per UTC day); adds each hour's count to `counts`. */
async function writeTakeoutFiles(slice: string, folder: string, counts: Map<string, number>): Promise<void> {
  const rows = parse(await readFile(sharedData(slice)), {
    from_line: 2,
    skip_empty_lines: true,
  }) as string[][];
  const byDay = new Map<string, { dateTime: string; value: { bpm: number; confidence: number } }[]>();
  const seen = new Set<number>();
  for (const [, time, value] of rows) {
    const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d):(\d\d) ([AP]M)$/.exec(time!)!;
    const at = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, (+m[4]! % 12) + (m[7] === 'PM' ? 12 : 0), +m[5]!, +m[6]!);
    const iso = new Date(at).toISOString();
    const takeout = `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
    const day = iso.slice(0, 10);
    byDay.set(day, [
      ...(byDay.get(day) ?? []),
      { dateTime: takeout, value: { bpm: Number(value), confidence: 2 } },
    ]);
    if (seen.has(at)) continue;
    seen.add(at);
    const hour = `${iso.slice(0, 13)}:00`;
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  await mkdir(folder, { recursive: true });
  for (const [day, entries] of byDay)
    await writeFile(join(folder, `heart_rate-${day}.json`), JSON.stringify(entries));
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-heart-rate-catch-up-'));
  await chmod(home, 0o755);
  await writeTakeoutFiles(SLICE, join(home, 'Takeout', 'Fitbit', 'Global Export Data'), expected);
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
  const imported = await runVoyager(['import', 'heart-rate', join(home, 'Takeout'), '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
}, 600_000);

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe(
  'heart rate: a run without --partition catches up landed Takeout hours',
  { timeout: 600_000 },
  () => {
    it('loads every landed hour, grouped into steps by the backfill policy, and records each hour', async () => {
      const hours = [...expected.keys()].sort();
      expect(hours.length).toBeGreaterThan(24);
      const latest = latestHour();
      const { raw, log } = await runWithoutPartition();
      // steps: runs of consecutive landed hours, at most HOURS_PER_STEP each, then the latest hour
      const runs: string[][] = [];
      for (const h of hours) {
        const last = runs.at(-1)?.at(-1);
        const next = last && new Date(Date.parse(`${last}Z`) + 3_600_000).toISOString().slice(0, 16);
        if (next === h && runs.at(-1)!.length < HOURS_PER_STEP) runs.at(-1)!.push(h);
        else runs.push([h]);
      }
      expect(runs.length).toBeLessThan(hours.length); // some steps hold several hours
      const planned = raw.map(keysOf);
      expect(planned.slice(0, -1)).toEqual(runs);
      expect(planned.at(-1)).toHaveLength(1);
      expect(planned.at(-1)![0]! >= latest).toBe(true);
      expect(raw.every((o) => o.status === 'success')).toBe(true);
      expect(log).toContain(
        `catching up ${hours.length + 1} partitions of raw/heart_rate_samples: ${hours[0]}..`,
      );
      // raw holds exactly the samples of every landed hour
      const loaded = await sql<{ hour: string; n: number }>(PER_HOUR);
      expect(loaded.map((r) => [r.hour, r.n])).toEqual(hours.map((h) => [h, expected.get(h)]));
      // run storage records each hour as its own partition
      const status = await runVoyager(['status', '--json', '--select', 'raw/heart_rate_samples'], env);
      expect(status.code, status.stderr).toBe(0);
      const partitions = (
        JSON.parse(status.stdout) as { assets: { partitionKey: string | null; status: string }[] }
      ).assets
        .filter((a) => a.status === 'success')
        .map((a) => a.partitionKey);
      expect(partitions).toEqual(expect.arrayContaining(hours));
    });

    it('a second run plans no catch-up and loads nothing again', async () => {
      const before = await sql<{ n: number; dupes: number }>(
        `select count(*)::int as n, (count(*) - count(distinct (series_id, sampled_at)))::int as dupes from raw.heart_rate_samples`,
      );
      const { raw, log } = await runWithoutPartition();
      expect(raw.map(keysOf)).toHaveLength(1);
      expect(keysOf(raw[0]!)).toHaveLength(1);
      expect(log).not.toContain('catching up');
      const after = await sql<{ n: number; dupes: number }>(
        `select count(*)::int as n, (count(*) - count(distinct (series_id, sampled_at)))::int as dupes from raw.heart_rate_samples`,
      );
      expect(after).toEqual(before);
      expect(after[0]!.dupes).toBe(0);
    });

    it('Takeout files dropped in the inbox load in the same run: the second pass loads them', async () => {
      const inboxHours = new Map<string, number>();
      await writeTakeoutFiles(INBOX_SLICE, join(home, 'inbox'), inboxHours);
      const hours = [...inboxHours.keys()].sort();
      const { raw, log } = await runWithoutPartition('landing/files/activities raw/heart_rate_samples');
      expect(raw.every((o) => o.status === 'success')).toBe(true);
      expect(raw.flatMap(keysOf)).toEqual(expect.arrayContaining(hours));
      // asked before the run, the hook could not see them: the run's second pass loads them
      expect(log).toContain(
        `steps of this run left ${hours.length} partitions of raw/heart_rate_samples missing (${hours[0]}..${hours.at(-1)})`,
      );
      const loaded = await sql<{ hour: string; n: number }>(PER_HOUR);
      const all = new Map([...expected, ...inboxHours]);
      expect(loaded.map((r) => [r.hour, r.n])).toEqual([...all.keys()].sort().map((h) => [h, all.get(h)]));
    });
  },
);
