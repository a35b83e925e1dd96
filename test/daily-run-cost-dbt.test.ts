import { describe, it } from 'vitest';
import { dbt } from './real-dbt.js';
import { checkDailyRuns } from './daily-run-cost.js';

// Issue 13 point 4 with real dbt (`npm run test:engines`: several dbt processes per run).
describe.skipIf(!dbt.path)(`daily runs cost what is new (real dbt) ${dbt.skipReason ?? ''}`, () => {
  it('a no-op run writes no raw or incremental-mart row; incremental marts equal a full refresh', async () => {
    await checkDailyRuns('dbt');
  }, 1_800_000);
});
