import { createFilesInboxAsset } from './files/files-asset.js';
import { createTakeoutInboxHandler } from './heart-rate/takeout-inbox-handler.js';

/**
 * `landing/files/activities` as Voyager ships it: the activity-file inbox, which also hands Google
 * Takeout's Fitbit `heart_rate-YYYY-MM-DD.json` files (loose or in a Takeout zip) to the
 * heart-rate group (see `createTakeoutInboxHandler`).
 */
export const filesInboxAsset = createFilesInboxAsset({ handlers: [createTakeoutInboxHandler()] });
