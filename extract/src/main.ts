import { externalAsset, runAssetMain } from '@voyager/orchestration';
import { filesInboxAsset } from './files/files-asset.js';
import { heartRateSamples } from './heart-rate/samples-asset.js';
import { createActivityWeatherAsset } from './weather/activity-weather-asset.js';
import { liftingExtractAssets } from './lifting/index.js';
import { stravaExtractAssets } from './strava/assets.js';

// Container entry point: node extract/dist/main.js materialize <key> --partition P --run-id R
process.exitCode = await runAssetMain({
  assets: [
    ...Object.values(stravaExtractAssets),
    ...Object.values(liftingExtractAssets),
    filesInboxAsset,
    heartRateSamples,
    createActivityWeatherAsset({ activities: externalAsset('raw/strava_activities') }),
  ],
});
