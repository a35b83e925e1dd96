import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Pool } from 'pg';
import { fileURLToPath } from 'node:url';
import { asset, runMigrations, type AssetDefinition } from '@voyager/orchestration';

/** The 1,132 recorded SummaryActivity objects (see fixtures/README.md). */
export function recordedActivities(): Array<Record<string, unknown>> {
  const text = gunzipSync(
    readFileSync(new URL('./fixtures/strava-activities.ndjson.gz', import.meta.url)),
  ).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const LOAD_MIGRATIONS = fileURLToPath(new URL('../../../load/src/migrations', import.meta.url));

/**
 * Fills `raw.strava_activities` as @voyager/load does: its real migrations (same ledger table
 * `migrations_load`), then the typed columns from the SummaryActivity JSON, upserted by activity_id.
 */
export async function loadRawActivities(
  pool: Pool,
  databaseUrl: string,
  records: ReadonlyArray<Record<string, unknown>>,
): Promise<number> {
  await runMigrations(databaseUrl, { dir: LOAD_MIGRATIONS, migrationsTable: 'migrations_load' });
  await pool.query(
    `insert into raw.strava_activities (activity_id, athlete_id, name, sport_type, type, workout_type, start_date,
       start_date_local, timezone, utc_offset_s, distance_m, moving_time_s, elapsed_time_s, total_elevation_gain_m,
       average_speed_m_per_s, max_speed_m_per_s, average_cadence_rpm, has_heartrate, average_heartrate_bpm,
       max_heartrate_bpm, suffer_score, gear_id, external_id, trainer, commute, manual, private, kudos_count,
       achievement_count, pr_count, source, record, _source_object, _loaded_at)
     select (r->>'id')::bigint, (r->'athlete'->>'id')::bigint, r->>'name', r->>'sport_type', r->>'type',
       (r->>'workout_type')::int, (r->>'start_date')::timestamptz, (r->>'start_date_local')::timestamp,
       r->>'timezone', (r->>'utc_offset')::float8, (r->>'distance')::float8, (r->>'moving_time')::int,
       (r->>'elapsed_time')::int, (r->>'total_elevation_gain')::float8, (r->>'average_speed')::float8,
       (r->>'max_speed')::float8, (r->>'average_cadence')::float8, (r->>'has_heartrate')::boolean,
       (r->>'average_heartrate')::float8, (r->>'max_heartrate')::float8, (r->>'suffer_score')::float8,
       r->>'gear_id', r->>'external_id', (r->>'trainer')::boolean, (r->>'commute')::boolean,
       (r->>'manual')::boolean, (r->>'private')::boolean, (r->>'kudos_count')::int,
       (r->>'achievement_count')::int, (r->>'pr_count')::int, r->>'_source', r,
       'fixtures/strava-activities.ndjson.gz', now()
     from jsonb_array_elements($1::jsonb) as r
     on conflict (activity_id) do update set name = excluded.name, record = excluded.record,
       moving_time_s = excluded.moving_time_s, elapsed_time_s = excluded.elapsed_time_s,
       distance_m = excluded.distance_m, sport_type = excluded.sport_type, _loaded_at = excluded._loaded_at`,
    [JSON.stringify(records)],
  );
  return records.length;
}

/**
 * An upstream asset keyed `raw/strava_activity_deletions` that changes nothing: the models only
 * need it in the graph, since it also writes raw.strava_activities (`deleted_at`).
 */
export function rawDeletionsAsset(): AssetDefinition {
  return asset({
    key: 'raw/strava_activity_deletions',
    description: 'One row per deletion (test stand-in for @voyager/load)',
    image: 'load',
    materialize: async () => ({ metadata: { rows: 0 } }),
  });
}

/** An upstream asset keyed `raw/strava_activities` that loads `records()` (the real one is @voyager/load's). */
export function rawActivitiesAsset(
  records: () => ReadonlyArray<Record<string, unknown>> = recordedActivities,
): AssetDefinition {
  return asset({
    key: 'raw/strava_activities',
    description: 'One row per activity (test stand-in for @voyager/load)',
    image: 'load',
    async materialize(ctx) {
      return {
        metadata: { rows: await loadRawActivities(ctx.warehouse, ctx.env.VOYAGER_DATABASE_URL!, records()) },
      };
    },
  });
}
