import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@voyager/orchestration/testing';
import { repoRoot, runVoyager } from './run-cli.js';

// The main job on the recorded real data: what `npm ci && npm start` does on a fresh clone,
// in a temp VOYAGER_HOME (embedded Postgres + landing) and with no Strava credentials (simulator).
let env: Record<string, string>;
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-start-'));
  await chmod(home, 0o755);
  // a fresh clone has no Python tools, so npm start builds the models with the built-in runner
  // (`auto` would find .tools/dbt here); real dbt's builds are tested in test/dbt-parity.test.ts
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('npm start (voyager materialize) on the recorded Strava data', () => {
  it('is what package.json runs', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('voyager materialize');
  });

  it('stops before any step, in one line, when only some Strava credentials are set', async () => {
    const run = await runVoyager(['materialize'], { ...env, STRAVA_CLIENT_ID: '12345' });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/STRAVA_CLIENT_SECRET, STRAVA_REFRESH_TOKEN: is not set/);
    expect(run.stdout).toBe('');
  });

  it('materializes every asset, says it uses the simulator, and ends with the summary table', async () => {
    const run = await runVoyager(['materialize'], env);
    expect(run.stderr).toMatch(/simulator/i);
    expect(run.stdout).toMatch(/marts\/fct_activities/);
    expect(run.stdout).toMatch(/run \S+: success/);
    // quiet on success: no warning at close, no listener warning from concurrent requests
    expect(run.stderr).not.toMatch(/idle warehouse connection failed|MaxListenersExceededWarning/);
    expect(run.code).toBe(0);
  }, 300_000);

  it('leaves 1132 activities in marts.fct_activities, and still 1132 after a second run', async () => {
    const count = async () => {
      const res = await runVoyager(['sql', 'select count(*) as n from marts.fct_activities', '--json'], env);
      expect(res.code).toBe(0);
      return JSON.parse(res.stdout) as unknown;
    };
    expect(await count()).toEqual([{ n: 1132 }]);
    // rows inserted, updated or deleted in the Strava raw tables (and raw.rejected_rows) since the
    // server's statistics began; not totesys (its generated database changes on every run by
    // design) nor heart rate (the simulator's samples reach up to now, so every run has new ones)
    const rawWrites = async () => {
      const res = await runVoyager(
        [
          'sql',
          "select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int as n from pg_stat_user_tables where schemaname = 'raw' and (relname like 'strava%' or relname = 'rejected_rows')",
          '--json',
        ],
        env,
      );
      return (JSON.parse(res.stdout) as [{ n: number }])[0].n;
    };
    const writesBefore = await rawWrites();
    // and per table, which rows (xmin newer than a transaction taken before the run), so a failure
    // names the table: the overlap it re-lands is unchanged, so no Strava raw row is written
    const before = await runVoyager(['sql', 'select txid_current() % 4294967296 as xid', '--json'], env);
    const [{ xid }] = JSON.parse(before.stdout) as [{ xid: number }];
    const again = await runVoyager(['materialize', '--json'], env);
    expect(again.code).toBe(0);
    // issue 12 point 4: nothing new upstream, so only the incremental requests (one list page and
    // the athlete's profile) and no raw row written
    const result = JSON.parse(again.stdout) as {
      outcomes: { assetKey: string; status: string; metadata: { requests?: number } }[];
    };
    const requests = result.outcomes
      .filter((o) => o.assetKey.startsWith('landing/strava/'))
      .map((o) => [o.assetKey, o.metadata.requests ?? 0] as const)
      .filter(([, n]) => n > 0);
    expect(requests).toEqual([
      ['landing/strava/activities', 1],
      ['landing/strava/athlete', 1],
    ]);
    const written = await runVoyager(['sql', rowsWrittenSince(xid), '--json'], env);
    const perTable = JSON.parse(written.stdout) as { table_name: string; n: number }[];
    expect(perTable.map((r) => r.table_name)).toContain('strava_activity_streams');
    expect(perTable.filter((r) => r.n > 0)).toEqual([]);
    expect(await rawWrites()).toBe(writesBefore);
    expect(await count()).toEqual([{ n: 1132 }]);
    const raw = await runVoyager(
      [
        'sql',
        'select count(*) as n, count(distinct activity_id) as ids from raw.strava_activities',
        '--json',
      ],
      env,
    );
    expect(JSON.parse(raw.stdout)).toEqual([{ n: 1132, ids: 1132 }]);
  }, 300_000);

  it('reports the latest materialization of every asset in voyager status', async () => {
    const status = await runVoyager(['status', '--json'], env);
    const parsed = JSON.parse(status.stdout) as {
      assets: { assetKey: string; status: string }[];
      runs: { status: string }[];
    };
    const list = JSON.parse((await runVoyager(['list', '--json'], env)).stdout) as { key: string }[];
    // one entry per asset and partition: the daily weather assets have one per day caught up
    expect([...new Set(parsed.assets.map((a) => a.assetKey))].sort()).toEqual(list.map((a) => a.key).sort());
    // the second run had no reason to fetch the athlete's zones and stats: not produced
    const notSuccess = parsed.assets.filter((a) => a.status !== 'success');
    expect(notSuccess.map((a) => [a.assetKey, a.status])).toEqual([
      ['landing/strava/athlete_stats', 'skipped'],
      ['landing/strava/athlete_zones', 'skipped'],
    ]);
    expect(parsed.runs.slice(0, 2).map((r) => r.status)).toEqual(['success', 'success']);
  });
});

/** Per Strava raw table (and raw.rejected_rows): rows inserted or updated by a transaction after `xid`. */
function rowsWrittenSince(xid: number): string {
  return `select table_name, (xpath('/row/n/text()', query_to_xml(format(
            'select count(*) as n from raw.%I where xmin::text::bigint > ${xid}', table_name), false, true, '')))[1]::text::int as n
            from information_schema.tables
           where table_schema = 'raw' and table_type = 'BASE TABLE'
             and (table_name like 'strava\\_%' or table_name = 'rejected_rows')
           order by 1`;
}
