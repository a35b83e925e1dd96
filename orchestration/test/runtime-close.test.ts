import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../src/runtime/runtime.js';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

// Issue 12 point 13: `WARN idle warehouse connection failed ... administrator command` at the end of
// commands. The server stops right after the runtime closes its pool; a connection pg's `end()` had
// not really closed yet was then terminated by the server. close() must return only once every
// connection of its pool is gone from the server.
let server: TestRuntime;
beforeAll(async () => {
  server = await createTestRuntime();
});
afterAll(async () => {
  await server?.close();
});

/** Client backends on the server's database other than the asking one. */
async function otherBackends(): Promise<number> {
  const res = await server.warehouse.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
      where backend_type = 'client backend' and datname = current_database() and pid <> pg_backend_pid()`,
  );
  return res.rows[0]!.n;
}

describe('closing a runtime', () => {
  it('returns only after every connection of its pool is closed on the server', async () => {
    const checker = await server.warehouse.connect(); // the one connection of the asking pool
    checker.release();
    const baseline = await otherBackends();
    for (let round = 0; round < 5; round++) {
      const runtime = await openRuntime({
        projectDir: server.projectDir,
        env: { ...server.env, VOYAGER_DATABASE_URL: server.databaseUrl },
      });
      // ten connections open and idle in the pool, as after a run's parallel steps
      await Promise.all(Array.from({ length: 10 }, () => runtime.warehouse.query('select pg_sleep(0.02)')));
      expect(await otherBackends()).toBeGreaterThanOrEqual(baseline + 10);
      await runtime.close();
      expect(await otherBackends()).toBe(baseline);
    }
  });
});
