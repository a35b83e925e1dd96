import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, executeRun, type TestRuntime } from '@voyager/orchestration/testing';
import {
  startGoogleHealthSimulator,
  type GoogleHealthSimulator,
} from '@voyager/extract/heart-rate-simulator';
import { writeLandingBatch, type MissingPartitionsContext } from '@voyager/orchestration';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// A Google Health hour that shrinks or empties upstream (readings deleted in the app): re-running
// its hourly partition replaces that hour's google_health rows in raw.heart_rate_samples, keeps
// the other hours and the other sources' rows of that hour, and never duplicates. The landing and
// load assets run for real against the simulator, whose hour is truncated between runs.
const HOUR = '2025-01-15T10:00';
const HOUR_START = new Date(`${HOUR}Z`);

describe('raw.heart_rate_samples: a re-landed hour replaces its source rows', { timeout: 300_000 }, () => {
  let runtime: TestRuntime;
  let simulator: GoogleHealthSimulator;
  const q = async <T>(sql: string): Promise<T[]> => (await runtime.warehouse.query(sql)).rows as T[];
  const execute = (
    partition: { partition?: string } | { from: string; to: string },
    selection = 'landing/heart_rate/samples raw/heart_rate_samples',
  ) => executeRun({ definitions: defs, runtime, log: pino({ level: 'silent' }), selection, ...partition });
  const run = async (partition: { partition: string } | { from: string; to: string }) => {
    const result = await execute(partition);
    expect(result.outcomes.filter((o) => o.status !== 'success').map((o) => [o.assetKey, o.error])).toEqual(
      [],
    );
  };
  /** Rows per (hour, source) from 10:00 to 11:59, duplicates of (series, instant) counted. */
  const counts = () =>
    q<{ hour: string; source: string; n: number; dupes: number; loaded: string }>(
      `select to_char(date_trunc('hour', sampled_at at time zone 'UTC'), 'HH24') as hour, source,
              count(*)::int as n, (count(*) - count(distinct (series_id, sampled_at)))::int as dupes,
              max(_loaded_at)::text as loaded
         from raw.heart_rate_samples group by 1, 2 order by 1, 2`,
    );

  beforeAll(async () => {
    simulator = await startGoogleHealthSimulator();
    runtime = await createTestRuntime({
      projectDir: repoRoot,
      env: {
        GOOGLE_HEALTH_API_URL: simulator.apiUrl,
        GOOGLE_HEALTH_OAUTH_URL: simulator.oauthUrl,
        GOOGLE_HEALTH_CLIENT_ID: simulator.credentials.clientId,
        GOOGLE_HEALTH_CLIENT_SECRET: simulator.credentials.clientSecret,
        GOOGLE_HEALTH_REFRESH_TOKEN: simulator.credentials.refreshToken,
      },
    });
  }, 300_000);
  afterAll(async () => {
    await runtime?.close();
    await simulator?.stop();
  });

  it('keeps only what the hour holds now: fewer samples, then none; other hours and sources untouched', async () => {
    await run({ from: HOUR, to: '2025-01-15T12:00' });
    const first = await counts();
    expect(first.map((r) => [r.hour, r.source, r.dupes])).toEqual([
      ['10', 'google_health', 0],
      ['11', 'google_health', 0],
    ]);
    const full = first[0]!.n;
    expect(full).toBeGreaterThan(100);
    // another source's readings of the same hour (an imported file): Google's hour is not theirs
    await q(
      `insert into raw.heart_rate_samples (series_id, source, device, sampled_at, bpm, _source_object)
       values ('fitabase|fitabase-1|2025-01-15T10', 'fitabase', 'fitabase-1', '2025-01-15T10:30:00Z', 80, 'an import')`,
    );

    // a replacement that fails half-way changes nothing: one transaction (an object of the new
    // batch is damaged after landing, so its checksum fails once the delete has run)
    const before = await counts();
    simulator.truncateHour(HOUR_START, 100);
    const landed = await execute({ partition: HOUR }, 'landing/heart_rate/samples');
    const objects = await runtime.landing.list('heart_rate/samples/hour=2025-01-15T10/');
    const part = objects.find((o) => o.key.includes(`run=${landed.runId}/`) && o.key.endsWith('.ndjson.gz'));
    expect(part).toBeDefined();
    await runtime.landing.put(part!.key, Buffer.from('not gzip at all'));
    const broken = await execute({ partition: HOUR }, 'raw/heart_rate_samples');
    expect(broken.outcomes.map((o) => o.status)).toEqual(['failed']);
    expect(await counts()).toEqual(before);
    await run({ partition: HOUR });
    const shrunk = await counts();
    expect(shrunk.map((r) => [r.hour, r.source, r.n, r.dupes])).toEqual([
      ['10', 'fitabase', 1, 0],
      ['10', 'google_health', 100, 0],
      ['11', 'google_health', first[1]!.n, 0],
    ]);
    // the other hour was not reloaded
    expect(shrunk[2]!.loaded).toBe(first[1]!.loaded);

    simulator.truncateHour(HOUR_START, 0);
    await run({ partition: HOUR });
    await run({ partition: HOUR });
    expect((await counts()).map((r) => [r.hour, r.source, r.n])).toEqual([
      ['10', 'fitabase', 1],
      ['11', 'google_health', first[1]!.n],
    ]);
  });

  it('the catch-up hook reports no loaded hour, superseded Google batches included, with one listing and one ledger read; the hour it catches up is listed once', async () => {
    const raw = defs.graph.get('raw/heart_rate_samples');
    let lists = 0;
    let queries = 0;
    const counting = <T extends object>(target: T, method: string, count: (...args: unknown[]) => void): T =>
      new Proxy(target, {
        get(t, k) {
          const v = Reflect.get(t, k) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            if (k === method) count(...args);
            return (v as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    const hook = () =>
      raw.missingPartitions!({
        assetKey: raw.key,
        log: pino({ level: 'silent' }),
        landing: counting(runtime.landing, 'list', () => lists++),
        warehouse: counting(runtime.warehouse, 'query', () => queries++),
        state: { get: () => Promise.resolve(undefined) } as MissingPartitionsContext['state'],
        projectDir: repoRoot,
        env: runtime.env,
        now: new Date(),
        signal: new AbortController().signal,
      });
    // hour 10 holds every batch the landing asset wrote (the damaged one too), all superseded but the last
    const manifests = (await runtime.landing.list('heart_rate/samples/hour=2025-01-15T10/')).filter((o) =>
      o.key.endsWith('/_manifest.json'),
    );
    expect(manifests.length).toBeGreaterThanOrEqual(5);
    expect([await hook(), lists, queries]).toEqual([[], 1, 1]);
    // an imported series lands in hour 11: only that hour is missing, until a run catches it up
    await writeLandingBatch(runtime.landing, {
      dataset: 'heart_rate/samples/hour=2025-01-15T11',
      runId: 'an-import',
      ingestDate: '2025-01-15',
      records: [
        {
          series_id: 'fitbit_takeout|fitbit|2025-01-15T11',
          source: 'fitbit_takeout',
          device: 'fitbit',
          hour_started_at: '2025-01-15T11:00:00.000Z',
          offsets_ms: Array.from({ length: 12 }, (_, i) => i * 5000),
          bpm: Array.from({ length: 12 }, (_, i) => 60 + i),
        },
      ],
    });
    expect(await hook()).toEqual(['2025-01-15T11:00']);
    // each hour the run loads (hour 11, and the newest hour a run without a partition also runs) is
    // listed once: its batches (the import and Google's superseded ones), the batches it replaces
    // by source and its loaded_batches marker all come from that one listing
    const listed: unknown[] = [];
    const caughtUp = await executeRun({
      definitions: defs,
      runtime: { ...runtime, landing: counting(runtime.landing, 'list', (prefix) => listed.push(prefix)) },
      log: pino({ level: 'silent' }),
      selection: 'raw/heart_rate_samples',
    });
    const hourListings = listed.filter((prefix) => String(prefix).includes('/hour='));
    expect(hourListings).toContain('heart_rate/samples/hour=2025-01-15T11/');
    expect(hourListings).toEqual([...new Set(hourListings)]);
    expect(caughtUp.outcomes.map((o) => [o.partitionKey, o.status])).toContainEqual([
      '2025-01-15T11:00',
      'success',
    ]);
    expect(await hook()).toEqual([]);
    const [takeout] = await q<{ n: number }>(
      `select count(*)::int as n from raw.heart_rate_samples where source = 'fitbit_takeout'`,
    );
    expect(takeout).toEqual({ n: 12 });
  });
});
