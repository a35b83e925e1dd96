/** The lifting-log load assets and raw table. */
export { createLiftingLoadAssets, type LiftingLoadUpstream } from './assets.js';
export { LIFTING_SETS_TABLE } from './sets-table.js';
