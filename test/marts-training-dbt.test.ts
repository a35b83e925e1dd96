import { describe } from 'vitest';
import { dbt } from './real-dbt.js';
import { describeTrainingMarts } from './training/training-suite.js';

// The training-analytics suite of test/marts-training.test.ts with every model step run by real
// dbt (`dbt build --select <model>`), so the data tests are dbt's own verdicts. Slow (one dbt
// process per model): in `npm run test:engines`.
describe.skipIf(!dbt.path)(`real dbt ${dbt.skipReason ?? ''}`, () => {
  describeTrainingMarts('dbt');
});
