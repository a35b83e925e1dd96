import { describe, it } from 'vitest';
import { checkDailyRuns } from './daily-run-cost.js';

// Issue 13 point 4 with the built-in runner (real dbt: daily-run-cost-dbt.test.ts, in
// `npm run test:engines`). Not timed: the figures are `npm run bench -- --only athlete`'s.
describe('daily runs cost what is new (built-in runner, generated heavy-athlete scenario at test size)', () => {
  it('a no-op run writes no raw or incremental-mart row; incremental marts equal a full refresh', async () => {
    await checkDailyRuns('builtin');
  }, 300_000);
});
