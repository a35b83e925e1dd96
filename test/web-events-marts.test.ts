import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDbtAssets } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { webEvents } from '@voyager/extract';
import { createWebEventsLoadAssets } from '@voyager/load';
import { repoRoot } from './run-cli.js';

// The web-events marts (built-in runner) on the generated social app's events, their counts
// checked against raw.web_events.
let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
});
afterAll(async () => {
  await runtime?.close();
});

describe('web events marts', () => {
  it('count daily active users, hourly events per type and the four social tables from raw', async () => {
    const load = createWebEventsLoadAssets({ events: webEvents });
    const dbt = await loadDbtAssets({ projectDir: join(repoRoot, 'transformation'), upstream: load });
    const models = dbt.assets.filter((a) => /^(staging\/stg_web_events__|marts\/web_events_)/.test(a.key));
    expect(models).toHaveLength(7);
    for (const a of [webEvents, ...load, ...models]) {
      const outcome = await runAssetOnce(runtime, a);
      expect([a.key, outcome.error, outcome.checks.filter((c) => c.status !== 'success')]).toEqual([
        a.key,
        undefined,
        [],
      ]);
    }
    const q = async (sql: string) => (await runtime.warehouse.query<{ n: number }>(sql)).rows[0]!.n;
    expect(await q('select sum(events)::int as n from marts.web_events_hourly_event_counts')).toBe(
      await q('select count(*)::int as n from raw.web_events'),
    );
    expect(await q('select sum(events)::int as n from marts.web_events_daily_active_users')).toBe(
      await q('select count(*)::int as n from raw.web_events'),
    );
    for (const [mart, event] of [
      ['web_events_posts', 'Post Created'],
      ['web_events_follows', 'User Followed'],
      ['web_events_unfollows', 'User Unfollowed'],
      ['web_events_profile_changes', 'Profile Changed'],
    ]) {
      const n = await q(`select count(*)::int as n from marts.${mart}`);
      expect(n, mart).toBe(await q(`select count(*)::int as n from raw.web_events where event = '${event}'`));
      expect(n, mart).toBeGreaterThan(0);
    }
  });
});
