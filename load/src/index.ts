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
export * from './strava/athlete-schemas.js';
export * from './strava/athlete-stats-schema.js';
export * from './strava/child-schemas.js';
export * from './strava/coerce.js';
export * from './strava/deletions-schema.js';
export * from './strava/export-schema.js';
export * from './strava/quarantine-schema.js';
export * from './strava/schemas.js';
export * from './strava/stream-schema.js';
export * from './strava/synthetic-streams.js';
