/**
 * @voyager/load: landing -> warehouse. What a code location or a new source's load assets need:
 * the `load` image, the Strava, lifting and heart-rate load assets, `loadRawTable` with its raw-table and
 * target types, the rejected-rows check, the migrations and the environment. Opt-in:
 * `@voyager/load/testing` (encoders, SQL builders, targets, raw-table column lists, the synthetic
 * stream generator).
 */
export * from './load-environment.js';
export * from './load-image.js';
export * from './load-raw-table.js';
export type * from './load-target.js';
export * from './migrate.js';
export * from './open-load-target.js';
export type * from './raw-table.js';
export * from './rejected-rows-check.js';
export * from './strava/assets.js';
export * from './strava/constants.js';
export * from './lifting/index.js';
export * from './totesys/index.js';
export * from './files/index.js';
export * from './heart-rate/index.js';
export * from './web-events/index.js';
export * from './weather/index.js';
