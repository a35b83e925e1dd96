/**
 * The code location: every Voyager asset, image, schedule, dev service and importer. It only
 * merges what the packages export (dagster-open-platform's `definitions.py`); `voyager` loads it,
 * `voyager dags build` compiles it to Airflow, and `iac/` sizes the infrastructure from it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitions, loadDbtAssets, schedule } from '@voyager/orchestration';
import {
  createActivityWeatherAsset,
  extractImage,
  filesImporter,
  filesInboxAsset,
  heartRateImporter,
  heartRateSamples,
  liftingExtractAssets,
  liftingImporter,
  stravaExportImporter,
  stravaExtractAssets,
  totesysExtractAssets,
  webEventsExtractAssets,
} from '@voyager/extract';
import { googleHealthSimulatorDevService } from '@voyager/extract/heart-rate-simulator';
import { openMeteoSimulatorDevService, stravaSimulatorDevService } from '@voyager/extract/simulator';
import {
  createFilesLoadAssets,
  createSalesExportAsset,
  createHeartRateLoadAssets,
  createLiftingLoadAssets,
  createPostgresSourceLoadAssets,
  createStravaLoadAssets,
  createWebEventsLoadAssets,
  createWeatherLoadAssets,
  loadImage,
} from '@voyager/load';

const root = fileURLToPath(new URL('.', import.meta.url));

const extract = stravaExtractAssets;
const load = createStravaLoadAssets({
  activities: extract.activities,
  activityDetails: extract.activityDetails,
  activityStreams: extract.activityStreams,
  athlete: extract.athlete,
  athleteZones: extract.athleteZones,
  athleteStats: extract.athleteStats,
  files: filesInboxAsset,
});
const files = createFilesLoadAssets({ activities: filesInboxAsset });
const activityWeather = createActivityWeatherAsset({
  activities: load.find((a) => a.key === 'raw/strava_activities')!,
});
const weather = createWeatherLoadAssets({ activityWeather });
const lifting = createLiftingLoadAssets({ sets: liftingExtractAssets.sets });
const totesys = createPostgresSourceLoadAssets({ name: 'totesys', rows: totesysExtractAssets.rows });
const heartRate = createHeartRateLoadAssets({ samples: heartRateSamples });
const webEvents = createWebEventsLoadAssets({ events: webEventsExtractAssets.events });
const dbt = await loadDbtAssets({
  projectDir: join(root, 'transformation'),
  upstream: [...load, ...lifting, ...files, ...weather, ...totesys, ...heartRate, ...webEvents],
});
// the sales star schema as Parquet for query engines (exports/sales)
const salesExport = createSalesExportAsset(dbt.assets.filter((a) => a.key.startsWith('marts/sales_')));

export default definitions({
  assets: [
    ...Object.values(extract),
    ...Object.values(liftingExtractAssets),
    ...Object.values(totesysExtractAssets),
    filesInboxAsset,
    ...Object.values(webEventsExtractAssets),
    ...load,
    ...files,
    activityWeather,
    ...weather,
    ...lifting,
    ...totesys,
    heartRateSamples,
    ...heartRate,
    ...webEvents,
    ...dbt.assets,
    salesExport,
  ],
  images: [extractImage, loadImage, dbt.image],
  schedules: [
    schedule({
      name: 'strava_daily',
      description: 'Every morning: new Strava activities to landing, raw tables, then the dbt marts',
      cron: '0 5 * * *',
      // every group but the hourly-partitioned heart_rate, which has its own DAG below
      selection:
        'group:strava group:lifting group:files group:totesys group:web_events group:staging group:marts',
    }),
    schedule({
      name: 'totesys_every_30_minutes',
      description:
        'Every 30 minutes: new and changed totesys rows to landing and raw, then the sales star schema (changes visible within 30 minutes)',
      cron: '*/30 * * * *',
      selection: 'group:totesys+',
    }),
    schedule({
      name: 'heart_rate_hourly',
      description:
        'Every hour (Fitpipe): the last complete hour of heart rate to landing and raw, then the hourly marts',
      cron: '5 * * * *',
      selection: 'group:heart_rate+',
    }),
  ],
  devServices: [stravaSimulatorDevService, googleHealthSimulatorDevService, openMeteoSimulatorDevService],
  importers: [filesImporter, stravaExportImporter, liftingImporter, heartRateImporter],
});
