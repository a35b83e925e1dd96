/**
 * `@voyager/load/testing`: load's internals for tests and benchmarks (the Postgres target, the load
 * migrations, the streams table and the synthetic stream generator). Not part of the code
 * location's surface.
 */
export { PostgresTarget } from './postgres/postgres-target.js';
export { STRAVA_ACTIVITY_STREAMS_TABLE } from './strava/tables/activity-streams.js';
export { syntheticStreamRecord } from './strava/synthetic-streams.js';
export { exportInstantOf } from './strava/coerce.js';
export { migrateLoadSchema } from './migrate.js';
export * from './parquet-exports/read-parquet-export.js';
