import { asset, daily, definitions, hourly, image, schedule, staticPartitions } from '@voyager/orchestration';
import type { AssetConfig, Definitions } from '@voyager/orchestration';

/** Fake assets shaped like the real pipeline: extract -> load -> dbt staging -> dbt marts, plus edge cases. */
const noop: AssetConfig['materialize'] = async () => ({ metadata: { rows: 0 } });

export const images = [
  image({
    name: 'extract',
    description: 'Strava API client',
    dockerfile: 'extract/Dockerfile',
    command: ['node', 'extract/dist/main.js'],
    resources: { cpu: 256, memoryMiB: 512 },
  }),
  image({
    name: 'load',
    description: 'landing -> warehouse',
    dockerfile: 'load/Dockerfile',
    command: ['node', 'load/dist/main.js'],
    resources: { cpu: 512, memoryMiB: 1024 },
  }),
  image({
    name: 'dbt',
    description: 'dbt project',
    dockerfile: 'transformation/Dockerfile',
    command: ['node', 'orchestration/dist/entry/main.js'],
    resources: { cpu: 1024, memoryMiB: 2048 },
  }),
];

const dbtModel = (folder: string, model: string, deps: AssetConfig['deps'], description: string) =>
  asset({
    key: `${folder}/${model}`,
    description,
    image: 'dbt',
    group: folder,
    deps,
    tags: { kind: 'dbt', dbt_model: model, dbt_folder: folder },
    materialize: noop,
  });

export const activities = asset({
  key: 'landing/strava/activities',
  description: 'Every SummaryActivity of the athlete, as "NDJSON" pages\nin the landing zone',
  image: 'extract',
  partitions: daily({ start: '2017-01-01' }),
  retry: { maxAttempts: 3, backoffSeconds: 30 },
  materialize: noop,
});

export const rawActivities = asset({
  key: 'raw/strava_activities',
  description: 'One row per activity, typed columns plus the original jsonb',
  image: 'load',
  group: 'strava',
  deps: [activities],
  partitions: daily({ start: '2017-01-01' }),
  retry: { maxAttempts: 2 },
  resources: { cpu: 1024, memoryMiB: 4096 },
  materialize: noop,
});

export const stgActivities = dbtModel(
  'staging',
  'stg_strava__activities',
  [rawActivities],
  'One row per activity, renamed and cast',
);
export const stgLaps = dbtModel('staging', 'stg_strava__laps', [rawActivities], 'One row per lap');
export const fctActivities = dbtModel(
  'marts',
  'fct_activities',
  [stgActivities, stgLaps],
  'One row per activity, for analysis',
);

export const heartRate = asset({
  key: 'landing/fitbit/heart_rate',
  description: 'Heart rate samples per hour',
  image: 'extract',
  partitions: hourly({ start: '2024-03-01T00:00', timezone: 'Europe/Paris' }),
  materialize: noop,
});

export const sportTypes = asset({
  key: 'landing/reference/sport_types',
  description: 'Reference list per sport',
  image: 'extract',
  partitions: staticPartitions(['Run', 'Ride', 'Trail Run']),
  materialize: noop,
});

/** The sample code location: one daily schedule (`strava_daily`), one hourly one, the rest unscheduled. */
export function sampleDefinitions(): Definitions {
  return definitions({
    assets: [activities, rawActivities, stgActivities, stgLaps, fctActivities, heartRate, sportTypes],
    images,
    schedules: [
      schedule({
        name: 'strava_daily',
        description: 'Pull and load Strava every morning',
        cron: '0 5 * * *',
        selection: 'group:strava',
      }),
      schedule({
        name: 'fitbit_hourly',
        description: 'Heart rate every hour',
        cron: '15 * * * *',
        selection: 'landing/fitbit/heart_rate',
      }),
    ],
  });
}
