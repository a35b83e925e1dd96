import { runAssetMain } from '@voyager/orchestration';
import { stravaExtractAssets } from './strava/assets.js';

// Container entry point: node extract/dist/main.js materialize <key> --partition P --run-id R
process.exitCode = await runAssetMain({ assets: Object.values(stravaExtractAssets) });
