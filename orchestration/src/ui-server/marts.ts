import type { Pool } from 'pg';
import type { MartQueryName, MartRows } from './api-schemas.js';

interface MartQuery {
  /** Tables the query reads; when one is missing the answer is `available: false`. */
  readonly tables: readonly string[];
  readonly sql: string;
}

/**
 * The dashboards' queries: marts only (never raw or staging), numbers cast to float8 and dates to
 * text so they cross JSON unchanged.
 */
const QUERIES: Record<MartQueryName, MartQuery> = {
  'training-weeks': {
    tables: ['marts.fct_training_weeks'],
    sql: `select week_start_date::text as week_start_date, sport_type, activity_count::float8 as activity_count,
                 distance_km::float8 as distance_km, moving_time_s::float8 as moving_time_s
            from marts.fct_training_weeks order by week_start_date, sport_type`,
  },
  'activity-calendar': {
    tables: ['marts.fct_activities'],
    sql: `select activity_date::text as day, count(*)::float8 as activities, coalesce(sum(distance_km), 0)::float8 as distance_km
            from marts.fct_activities where not coalesce(is_deleted, false)
           group by activity_date order by activity_date`,
  },
  'heart-rate-zones': {
    tables: ['marts.fct_heart_rate_zones', 'marts.fct_activities'],
    sql: `select to_char(date_trunc('month', a.activity_date), 'YYYY-MM') as month, z.zone_index::float8 as zone_index,
                 sum(z.time_in_zone_s)::float8 as time_in_zone_s
            from marts.fct_heart_rate_zones z join marts.fct_activities a on a.activity_id = z.activity_id
           where z.zone_index > 0
           group by 1, 2 order by 1, 2`,
  },
  'hourly-max-heart-rate': {
    tables: ['marts.fct_hourly_max_heart_rate'],
    // one row per hour and source: the hour's maximum across sources
    sql: `select hour_started_at::text as hour_started_at, max(max_heart_rate_bpm)::float8 as max_heart_rate_bpm
            from marts.fct_hourly_max_heart_rate group by hour_started_at order by hour_started_at`,
  },
  'daily-heart-rate': {
    tables: ['marts.fct_daily_heart_rate'],
    sql: `select date_day::text as date_day, max_heart_rate_bpm::float8 as max_heart_rate_bpm,
                 avg_hourly_max_heart_rate_bpm::float8 as avg_hourly_max_heart_rate_bpm,
                 latest_hourly_max_heart_rate_bpm::float8 as latest_hourly_max_heart_rate_bpm,
                 resting_heart_rate_estimate_bpm::float8 as resting_heart_rate_estimate_bpm
            from marts.fct_daily_heart_rate order by date_day`,
  },
  // days with wearable readings and the athlete's zones (the columns are null otherwise)
  'heart-rate-time-in-zones': {
    tables: ['marts.fct_daily_heart_rate'],
    sql: `select date_day::text as date_day, date_trunc('week', date_day)::date::text as week_start_date,
                 time_in_zone_1_s::float8 as time_in_zone_1_s, time_in_zone_2_s::float8 as time_in_zone_2_s,
                 time_in_zone_3_s::float8 as time_in_zone_3_s, time_in_zone_4_s::float8 as time_in_zone_4_s,
                 time_in_zone_5_s::float8 as time_in_zone_5_s
            from marts.fct_daily_heart_rate where time_in_zone_1_s is not null order by date_day`,
  },
  // the bounds of the athlete's heart-rate zones, as the most recently loaded activity has them
  'heart-rate-zone-bounds': {
    tables: ['marts.fct_heart_rate_zones'],
    sql: `select distinct on (zone_index) zone_index::float8 as zone_index, lower_bound_bpm::float8 as lower_bound_bpm,
                 upper_bound_bpm::float8 as upper_bound_bpm
            from marts.fct_heart_rate_zones where zone_index > 0
           order by zone_index, streams_loaded_at desc nulls last, activity_id desc`,
  },
  'personal-records': {
    tables: ['marts.fct_personal_records'],
    sql: `select effort_name, distance_m::float8 as distance_m, elapsed_time_s::float8 as elapsed_time_s,
                 set_at::text as set_at, record_number::float8 as record_number, is_current_record,
                 activity_id::text as activity_id
            from marts.fct_personal_records order by distance_m, set_at`,
  },
  activities: {
    tables: ['marts.fct_activities'],
    sql: `select activity_id::text as activity_id, activity_name, sport_type, started_at::text as started_at,
                 distance_km::float8 as distance_km, moving_time_s::float8 as moving_time_s,
                 total_elevation_gain_m::float8 as total_elevation_gain_m,
                 average_heartrate_bpm::float8 as average_heartrate_bpm, max_heartrate_bpm::float8 as max_heartrate_bpm,
                 average_speed_m_per_s::float8 as average_speed_m_per_s
            from marts.fct_activities where not coalesce(is_deleted, false)
           order by started_at desc limit 500`,
  },
  'lifting-weekly-volume': {
    tables: ['marts.fct_weekly_muscle_volume'],
    sql: `select iso_week_start_date::text as week_start_date, muscle_group, set_count::float8 as set_count,
                 rep_count::float8 as rep_count, tonnage_kg::float8 as tonnage_kg
            from marts.fct_weekly_muscle_volume order by 1, 2`,
  },
  // the six most-logged exercises: more lines than that is not readable in one chart
  'lifting-one-rep-max': {
    tables: ['marts.fct_exercise_one_rep_max', 'marts.dim_exercise'],
    sql: `with top as (
            select exercise_key from marts.fct_exercise_one_rep_max
             group by exercise_key order by count(*) desc, exercise_key limit 6)
          select o.date_day::text as date_day, o.exercise_key, coalesce(e.exercise_name, o.exercise_key) as exercise_name,
                 o.epley_1rm_kg::float8 as epley_1rm_kg, o.best_epley_1rm_kg_to_date::float8 as best_epley_1rm_kg_to_date,
                 o.brzycki_1rm_kg::float8 as brzycki_1rm_kg, o.best_brzycki_1rm_kg_to_date::float8 as best_brzycki_1rm_kg_to_date
            from marts.fct_exercise_one_rep_max o join top using (exercise_key)
            left join marts.dim_exercise e using (exercise_key)
           order by o.date_day, o.exercise_key`,
  },
  'lifting-workouts': {
    tables: ['marts.fct_workouts'],
    sql: `select workout_id::text as workout_id, date_day::text as date_day, workout_name, source_app,
                 duration_s::float8 as duration_s, working_set_count::float8 as working_set_count,
                 exercise_count::float8 as exercise_count, tonnage_kg::float8 as tonnage_kg
            from marts.fct_workouts order by date_day desc, started_at desc nulls last limit 50`,
  },
  fitness: {
    tables: ['marts.fct_daily_fitness'],
    sql: `select date_day::text as date_day, training_load::float8 as training_load, fitness_ctl::float8 as fitness_ctl,
                 fatigue_atl::float8 as fatigue_atl, form_tsb::float8 as form_tsb
            from marts.fct_daily_fitness where date_day > current_date - 365 order by date_day`,
  },
  'mean-maximal-curves': {
    tables: ['marts.fct_mean_maximal_curves'],
    sql: `select sport_type, duration_s::float8 as duration_s, best_power_w::float8 as best_power_w,
                 power_activity_id::text as power_activity_id, best_speed_m_per_s::float8 as best_speed_m_per_s,
                 speed_activity_id::text as speed_activity_id
            from marts.fct_mean_maximal_curves where curve_scope = 'all_time' order by sport_type, duration_s`,
  },
  eddington: {
    tables: ['marts.fct_eddington_numbers'],
    sql: `select n.sport_type, n.distance_unit, n.eddington_number::float8 as eddington_number,
                 n.days_to_next::float8 as days_to_next, n.reached_on::text as reached_on
            from marts.fct_eddington_numbers n order by n.eddington_number desc, n.sport_type, n.distance_unit`,
  },
  // each number as it was reached, in km (the panel's unit), oldest first
  'eddington-history': {
    tables: ['marts.fct_eddington_history'],
    sql: `select sport_type, eddington_number::float8 as eddington_number, reached_on::text as reached_on
            from marts.fct_eddington_history where distance_unit = 'km' order by reached_on, sport_type`,
  },
  // newest year first, its 'All' row first
  'year-in-sport': {
    tables: ['marts.fct_year_in_sport'],
    sql: `select activity_year::float8 as activity_year, sport_type, activity_count::float8 as activity_count,
                 distance_km::float8 as distance_km, moving_time_h::float8 as moving_time_h,
                 longest_day_streak_days::float8 as longest_day_streak_days,
                 longest_week_streak_weeks::float8 as longest_week_streak_weeks,
                 busiest_week_start_date::text as busiest_week_start_date,
                 busiest_week_distance_km::float8 as busiest_week_distance_km
            from marts.fct_year_in_sport order by activity_year desc, sport_type <> 'All', sport_type`,
  },
};

/** Runs one dashboard query; `available: false` when its marts are not built yet. */
export async function martRows(pool: Pool, name: MartQueryName): Promise<MartRows> {
  const q = QUERIES[name];
  const exists = await pool.query<{ ok: boolean }>(
    'select bool_and(to_regclass(t) is not null) as ok from unnest($1::text[]) as t',
    [q.tables],
  );
  if (exists.rows[0]?.ok !== true) return { available: false, rows: [] };
  const res = await pool.query<Record<string, string | number | boolean | null>>(q.sql);
  return { available: true, rows: res.rows };
}
