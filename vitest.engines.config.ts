import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The slow real-engine suite (`npm run test:engines`, run by `.ci/run`): the whole pipeline on
 * real Airflow (`airflow dags test strava_daily`, every step a subprocess), several minutes on
 * 2 cores. Kept out of `npm test` so that stays under 15 minutes.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/airflow-strava-daily.test.ts'],
    exclude: [],
    testTimeout: 1_200_000,
  },
});
