/**
 * @voyager/load: landing -> warehouse. COPY into a staging table and merge (upsert by natural
 * key), a load ledger, rejected rows, the `postgres` and `supabase` targets, and the Strava load assets.
 */
export * from './copy-format.js';
export * from './load-environment.js';
export * from './load-image.js';
export * from './load-raw-table.js';
export type * from './load-target.js';
export * from './migrate.js';
export * from './ndjson-lines.js';
export * from './open-load-target.js';
export type * from './raw-table.js';
export * from './rejected-rows-check.js';
export * from './row-encoder.js';
export * from './postgres/merge-sql.js';
export * from './postgres/reject-spool.js';
export * from './postgres/postgres-target.js';
export * from './postgres/sql.js';
export * from './supabase/postgrest-request.js';
export * from './supabase/supabase-row-encoder.js';
export * from './supabase/supabase-target.js';
export * from './strava/assets.js';
export * from './strava/constants.js';
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
export * from './lifting/index.js';
