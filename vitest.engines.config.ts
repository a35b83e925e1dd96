import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The slow real-engine suite (`npm run test:engines`, run by `.ci/run`): the whole pipeline on
 * real Airflow (`airflow dags test strava_daily`, every step a subprocess), and `npm start` on AWS
 * paths (landing in moto's S3, tokens in moto's SSM) against a local run; real dbt parsing and
 * linting transformation/ (`dbt parse --warn-error`, manifest vs our reader, sqlfluff), real dbt
 * steps on the sample project, the built-in runner / real dbt parity on the Strava pipeline, and the
 * training-analytics marts on real dbt; and the container contract (every compiled DAG task's
 * command run as a subprocess, a node process per task: over a hundred of them); and npm start with
 * device files in the inbox, the whole graph twice (about 4 minutes).
 * Several minutes on 2 cores. Kept out of `npm test` so that stays under 15 minutes.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/airflow-strava-daily.test.ts',
      'test/aws-npm-start.test.ts',
      'test/dbt-project.test.ts',
      'test/dbt-parity.test.ts',
      'test/daily-run-cost-dbt.test.ts',
      'test/marts-training-dbt.test.ts',
      'orchestration/test/dbt/dbt-real.test.ts',
      'orchestration/test/airflow/container-contract.test.ts',
      'test/npm-start-inbox.test.ts',
    ],
    exclude: [],
    testTimeout: 1_200_000,
  },
});
