import { describeTrainingMarts } from './training/training-suite.js';

// The training-analytics marts on a hand-built athlete, built by the built-in runner; the same
// suite on real dbt is test/marts-training-dbt.test.ts (npm run test:engines).
describeTrainingMarts('builtin');
