/** The web-events source: Segment-spec tracking events as delivered to S3 or a folder. */
export { webEvents, webEventsExtractAssets, WEB_EVENTS_DATASET } from './events-asset.js';
export { WebEventsEnvironment } from './web-events-environment.js';
