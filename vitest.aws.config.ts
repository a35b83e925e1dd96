import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The slow AWS-path suite (`npx vitest run -c vitest.aws.config.ts`, run by `.ci/run`): `npm start`
 * twice (landing in moto's S3 and tokens in moto's SSM, then locally), a few minutes on 2 cores.
 * Kept out of `npm test` so that stays under 15 minutes.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/aws-npm-start.test.ts'],
    exclude: [],
    testTimeout: 600_000,
  },
});
