import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['voyager-source'] },
  ssr: { resolve: { conditions: ['voyager-source'] } },
  test: {
    include: ['{orchestration,extract,load,iac}/test/**/*.test.ts', 'test/**/*.test.ts'],
    // minutes long: run by .ci/run through vitest.engines.config.ts (npm run test:engines)
    exclude: [
      ...configDefaults.exclude,
      'test/aws-npm-start.test.ts',
      'test/airflow-strava-daily.test.ts',
      'test/dbt-project.test.ts',
      'test/dbt-parity.test.ts',
      'test/daily-run-cost-dbt.test.ts',
      'test/marts-training-dbt.test.ts',
      'orchestration/test/dbt/dbt-real.test.ts',
      'orchestration/test/airflow/container-contract.test.ts',
      'test/npm-start-inbox.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./test/global-setup.ts'],
  },
});
