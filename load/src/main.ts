/**
 * Container entry point of the `load` image:
 * `node load/dist/main.js materialize <key> --partition P --run-id R` (ECS, DockerOperator and
 * `voyager materialize --isolation process` run exactly this). Upstream extract assets are
 * referenced by key only: this image never imports @voyager/extract.
 */
import { externalAsset, runAssetMain } from '@voyager/orchestration';
import { createFilesLoadAssets } from './files/assets.js';
import { createHeartRateLoadAssets } from './heart-rate/assets.js';
import { createSalesExportAsset } from './parquet-exports/sales-export.js';
import { createLiftingLoadAssets } from './lifting/assets.js';
import { createStravaLoadAssets } from './strava/assets.js';
import { createPostgresSourceLoadAssets } from './totesys/assets.js';
import { createWebEventsLoadAssets } from './web-events/assets.js';
import { createWeatherLoadAssets } from './weather/assets.js';

const assets = [
  ...createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
    activityDetails: externalAsset('landing/strava/activity_details'),
    activityStreams: externalAsset('landing/strava/activity_streams'),
    athlete: externalAsset('landing/strava/athlete'),
    athleteZones: externalAsset('landing/strava/athlete_zones'),
    athleteStats: externalAsset('landing/strava/athlete_stats'),
    files: externalAsset('landing/files/activities'),
  }),
  ...createFilesLoadAssets({ activities: externalAsset('landing/files/activities') }),
  ...createWeatherLoadAssets({ activityWeather: externalAsset('landing/open_meteo/activity_weather') }),
  ...createLiftingLoadAssets({ sets: externalAsset('landing/lifting/sets') }),
  ...createHeartRateLoadAssets({ samples: externalAsset('landing/heart_rate/samples') }),
  ...createPostgresSourceLoadAssets({ name: 'totesys', rows: externalAsset('landing/totesys/rows') }),
  ...createWebEventsLoadAssets({ events: externalAsset('landing/web_events/events') }),
  createSalesExportAsset(),
];

process.exitCode = await runAssetMain({ assets });
