import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { asset, runMigrations, type AssetDefinition } from '@voyager/orchestration';

const LOAD_MIGRATIONS = fileURLToPath(new URL('../../../load/src/migrations', import.meta.url));
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

/** The raw tables exactly as @voyager/load creates them (its migrations, same ledger table). */
export function applyLoadMigrations(databaseUrl: string): Promise<void> {
  return runMigrations(databaseUrl, { dir: LOAD_MIGRATIONS, migrationsTable: 'migrations_load' });
}

/** The recorded stream (go.strava, array form): `{ type, data }` per stream type. */
export function recordedStream(): Map<string, unknown[]> {
  const streams = fixture<Array<{ type: string; data: unknown[] }>>('go-strava-activity-stream.json');
  return new Map(streams.map((s) => [s.type, s.data]));
}

/** The recorded heart-rate zones of GET /athlete/zones: `[{ min, max }]`, max -1 for the open top zone. */
export function recordedHeartRateZones(): Array<{ min: number; max: number }> {
  return fixture<{ heart_rate: { zones: Array<{ min: number; max: number }> } }>('athlete-zones.json')
    .heart_rate.zones;
}

/** The recorded best efforts of activity 1946417534. */
export function recordedBestEfforts(): Array<Record<string, unknown>> {
  return fixture<Array<Record<string, unknown>>>('best-efforts.json');
}

/**
 * Replaces the stream points of each activity with the recorded stream, as load does (an
 * activity's points as a whole); `pointCount` keeps only the first points of an activity's stream
 * (a reload with fewer points).
 */
export async function loadRawStreams(
  pool: Pool,
  activityIds: readonly number[],
  pointCount: ReadonlyMap<number, number> = new Map(),
): Promise<number> {
  const s = recordedStream();
  let rows = 0;
  for (const id of activityIds) {
    const time = s.get('time')!.slice(0, pointCount.get(id));
    const latlng = (s.get('latlng') ?? []).slice(0, time.length) as Array<[number, number] | null>;
    const col = (type: string) => time.map((_, i) => (s.get(type)?.[i] ?? null) as number | boolean | null);
    await pool.query('delete from raw.strava_activity_streams where activity_id = $1', [id]);
    const r = await pool.query(
      `insert into raw.strava_activity_streams (activity_id, point_index, time_s, lat, lng, distance_m, altitude_m,
         velocity_smooth_m_per_s, heartrate_bpm, cadence_rpm, watts, temp_c, moving, grade_smooth_pct, synthetic,
         stream_source, _source_object, _loaded_at)
       select $1, i - 1, t, la, ln, d, a, v, h, c, w, tc, m, g, false, 'api', 'fixtures/go-strava-activity-stream.json', clock_timestamp()
       from unnest($2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                   $9::float8[], $10::float8[], $11::float8[], $12::boolean[], $13::float8[])
         with ordinality as p(t, la, ln, d, a, v, h, c, w, tc, m, g, i)`,
      [
        id,
        time,
        latlng.map((p) => p?.[0] ?? null),
        latlng.map((p) => p?.[1] ?? null),
        col('distance'),
        col('altitude'),
        col('velocity_smooth'),
        col('heartrate'),
        col('cadence'),
        col('watts'),
        col('temp'),
        col('moving'),
        col('grade_smooth'),
      ],
    );
    rows += r.rowCount ?? 0;
  }
  return rows;
}

/** The recorded athlete (GET /athlete), upserted by id. */
export async function loadRawAthlete(pool: Pool): Promise<number> {
  const athlete = fixture<Record<string, unknown>>('athlete.json');
  await pool.query(
    `insert into raw.strava_athlete (athlete_id, username, firstname, lastname, city, state, country, sex, premium, summit,
       weight_kg, measurement_preference, created_at, updated_at, record, _source_object, _loaded_at)
     select (r->>'id')::bigint, r->>'username', r->>'firstname', r->>'lastname', r->>'city', r->>'state', r->>'country',
       r->>'sex', (r->>'premium')::boolean, (r->>'summit')::boolean, (r->>'weight')::float8, r->>'measurement_preference',
       (r->>'created_at')::timestamptz, (r->>'updated_at')::timestamptz, r, 'fixtures/athlete.json', now()
     from (select $1::jsonb as r) as a
     on conflict (athlete_id) do update set record = excluded.record, _loaded_at = excluded._loaded_at`,
    [JSON.stringify(athlete)],
  );
  return 1;
}

/** The recorded heart-rate zones for `athleteId`; `zoneCount` keeps only the first ones. */
export async function loadRawZones(pool: Pool, athleteId: number, zoneCount?: number): Promise<number> {
  const zones = recordedHeartRateZones().slice(0, zoneCount);
  await pool.query('delete from raw.strava_athlete_zones where athlete_id = $1', [athleteId]);
  for (const [i, z] of zones.entries()) {
    await pool.query(
      `insert into raw.strava_athlete_zones (athlete_id, zone_type, zone_index, min_value, max_value, custom_zones, record, _source_object, _loaded_at)
       values ($1, 'heart_rate', $2, $3, $4, false, $5, 'fixtures/athlete-zones.json', now())`,
      [athleteId, i + 1, z.min, z.max, JSON.stringify(z)],
    );
  }
  return zones.length;
}

/** Best efforts (DetailedActivity.best_efforts elements), upserted by id. */
export async function loadRawBestEfforts(
  pool: Pool,
  efforts: ReadonlyArray<Record<string, unknown>>,
): Promise<number> {
  await pool.query(
    `insert into raw.strava_best_efforts (best_effort_id, activity_id, athlete_id, name, distance_m, elapsed_time_s,
       moving_time_s, start_date, start_date_local, start_index, end_index, pr_rank, achievements, record, _source_object, _loaded_at)
     select (r->>'id')::bigint, (r->'activity'->>'id')::bigint, (r->'athlete'->>'id')::bigint, r->>'name',
       (r->>'distance')::float8, (r->>'elapsed_time')::int, (r->>'moving_time')::int, (r->>'start_date')::timestamptz,
       (r->>'start_date_local')::timestamp, (r->>'start_index')::int, (r->>'end_index')::int, (r->>'pr_rank')::int,
       r->'achievements', r, 'fixtures/best-efforts.json', now()
     from jsonb_array_elements($1::jsonb) as r
     on conflict (best_effort_id) do update set elapsed_time_s = excluded.elapsed_time_s, record = excluded.record`,
    [JSON.stringify(efforts)],
  );
  return efforts.length;
}

/** A stand-in for one of @voyager/load's raw assets: applies load's migrations, then `fill`. */
export function rawStandIn(
  key: string,
  fill: (pool: Pool) => Promise<number> = async () => 0,
): AssetDefinition {
  return asset({
    key,
    description: `${key} (test stand-in for @voyager/load)`,
    image: 'load',
    group: 'strava',
    async materialize(ctx) {
      await applyLoadMigrations(ctx.env.VOYAGER_DATABASE_URL!);
      return { metadata: { rows: await fill(ctx.warehouse) } };
    },
  });
}
