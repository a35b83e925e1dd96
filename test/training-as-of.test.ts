import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, executeRun, type TestRuntime } from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// VOYAGER_TRAINING_AS_OF is pasted into fct_activity_streaks' SQL (macros/training_as_of.sql):
// a value that is not YYYY-MM-DD fails the model with one line naming the variable, before any
// SQL runs (real dbt: test/dbt-project.test.ts).
describe('VOYAGER_TRAINING_AS_OF on the built-in runner', { timeout: 120_000 }, () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime({
      projectDir: repoRoot,
      env: { VOYAGER_DBT_RUNNER: 'builtin', VOYAGER_TRAINING_AS_OF: "2025-4-15'; drop table x; --" },
    });
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('a value that is not YYYY-MM-DD fails fct_activity_streaks with one line naming the variable', async () => {
    const run = await executeRun({
      definitions: defs,
      runtime,
      log: pino({ level: 'silent' }),
      selection: 'marts/fct_activity_streaks',
    });
    const outcome = run.outcomes.find((o) => o.assetKey === 'marts/fct_activity_streaks')!;
    expect(outcome.status).toBe('failed');
    expect(String(outcome.error)).toContain(
      'VOYAGER_TRAINING_AS_OF must be a date as YYYY-MM-DD (e.g. 2025-04-15), or unset for today',
    );
    expect(String(outcome.error)).not.toMatch(/drop table|syntax|date\/time/i);
  });
});
