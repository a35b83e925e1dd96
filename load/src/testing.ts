/**
 * `@voyager/load/testing`: load's internals for tests and benchmarks (line reader, COPY and row
 * encoders, merge SQL, the Postgres and Supabase targets, the raw-table column lists and the
 * synthetic stream generator). Not part of the code location's surface.
 */
export * from './copy-format.js';
export * from './row-encoder.js';
export * from './postgres/merge-sql.js';
export * from './postgres/reject-spool.js';
export * from './postgres/postgres-target.js';
export * from './supabase/postgrest-request.js';
export * from './supabase/supabase-row-encoder.js';
export * from './supabase/supabase-target.js';
export * from './strava/tables/athlete.js';
export * from './strava/tables/athlete-stats.js';
export * from './strava/tables/laps-best-efforts.js';
export * from './strava/coerce.js';
export * from './strava/tables/activity-deletions.js';
export * from './strava/tables/export-activities.js';
export * from './strava/tables/quarantine.js';
export * from './strava/tables/activities.js';
export * from './strava/tables/activity-streams.js';
export * from './strava/synthetic-streams.js';
export * from './web-events/events-table.js';
export * from './web-events/event-type-tables.js';
