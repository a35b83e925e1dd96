/** The web-events source's raw tables: all events, and one table per event type. */
export { createWebEventsLoadAssets, type WebEventsLoadUpstream } from './assets.js';
