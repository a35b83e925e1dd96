import { externalAsset, runAssetMain } from '@voyager/orchestration';
import { filesInboxAsset } from './inbox-asset.js';
import { heartRateSamples } from './heart-rate/samples-asset.js';
import { createActivityWeatherAsset } from './weather/activity-weather-asset.js';
import { liftingExtractAssets } from './lifting/index.js';
import { stravaExtractAssets } from './strava/assets.js';
import { totesysExtractAssets } from './totesys/index.js';
import { webEventsExtractAssets } from './web-events/events-asset.js';

// Container entry point: node extract/dist/main.js materialize <key> --partition P --run-id R
process.exitCode = await runAssetMain({
  assets: [
    ...Object.values(stravaExtractAssets),
    ...Object.values(liftingExtractAssets),
    ...Object.values(totesysExtractAssets),
    ...Object.values(webEventsExtractAssets),
    filesInboxAsset,
    heartRateSamples,
    createActivityWeatherAsset({ activities: externalAsset('raw/strava_activities') }),
  ],
});
