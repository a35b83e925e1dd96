/**
 * The code location: every Voyager asset, image, schedule, dev service and importer. It only
 * merges what the packages export (dagster-open-platform's `definitions.py`); `voyager` loads it,
 * `voyager dags build` compiles it to Airflow, and `iac/` sizes the infrastructure from it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitions, loadDbtAssets, schedule } from '@voyager/orchestration';
import {
  extractImage,
  liftingExtractAssets,
  liftingImporter,
  stravaExportImporter,
  stravaExtractAssets,
} from '@voyager/extract';
import { stravaSimulatorDevService } from '@voyager/extract/simulator';
import { createLiftingLoadAssets, createStravaLoadAssets, loadImage } from '@voyager/load';

const root = fileURLToPath(new URL('.', import.meta.url));

const extract = stravaExtractAssets;
const load = createStravaLoadAssets({
  activities: extract.activities,
  activityDetails: extract.activityDetails,
  activityStreams: extract.activityStreams,
  athlete: extract.athlete,
});
const lifting = createLiftingLoadAssets({ sets: liftingExtractAssets.sets });
const dbt = await loadDbtAssets({
  projectDir: join(root, 'transformation'),
  upstream: [...load, ...lifting],
});

export default definitions({
  assets: [
    ...Object.values(extract),
    ...Object.values(liftingExtractAssets),
    ...load,
    ...lifting,
    ...dbt.assets,
  ],
  images: [extractImage, loadImage, dbt.image],
  schedules: [
    schedule({
      name: 'strava_daily',
      description: 'Every morning: new Strava activities to landing, raw tables, then the dbt marts',
      cron: '0 5 * * *',
      selection: '*',
    }),
  ],
  devServices: [stravaSimulatorDevService],
  importers: [stravaExportImporter, liftingImporter],
});
