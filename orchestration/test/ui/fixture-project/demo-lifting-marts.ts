import type { Pool } from 'pg';

/**
 * Writes the lifting marts the dashboards read (fct_weekly_muscle_volume, fct_exercise_one_rep_max,
 * dim_exercise, fct_workouts) with the real marts' column names: 16 weeks of three workouts a week
 * over eight exercises, deterministic, the estimated 1RM rising by 1 kg a week (Epley; Brzycki 3 % below).
 */
export async function writeDemoLiftingMarts(pool: Pool): Promise<void> {
  await pool.query('create schema if not exists marts');
  await pool.query(`drop table if exists marts.fct_weekly_muscle_volume, marts.fct_exercise_one_rep_max,
    marts.dim_exercise, marts.fct_workouts`);
  await pool.query(`create table marts.dim_exercise as
    select * from (values ('squat', 'Squat', 'legs'), ('bench_press', 'Bench Press', 'chest'),
      ('deadlift', 'Deadlift', 'back'), ('overhead_press', 'Overhead Press', 'shoulders'),
      ('barbell_row', 'Barbell Row', 'back'), ('pull_up', 'Pull Up', 'back'),
      ('lunge', 'Lunge', 'legs'), ('curl', 'Curl', 'arms')) as e (exercise_key, exercise_name, muscle_group)`);
  await pool.query(`create table marts.fct_workouts as
    select 'w' || n as workout_id, d::date as date_day, 'demo' as source_app,
           case n % 3 when 0 then 'Push' when 1 then 'Pull' else 'Legs' end as workout_name,
           d + time '07:00' as started_at, 3600 + (n % 5) * 300 as duration_s,
           12 + n % 4 as working_set_count, 4 + n % 2 as exercise_count, 4000 + n * 25 as tonnage_kg
      from generate_series(0, 47) as n, lateral (select date '2026-08-03' + (n / 3) * 7 + (n % 3) * 2 as d) days`);
  await pool.query(`create table marts.fct_exercise_one_rep_max as
    select e.exercise_key, w.date_day,
           (40 + e.rn * 10 + (w.date_day - date '2026-08-03') / 7.0)::numeric(6, 1) as epley_1rm_kg,
           (40 + e.rn * 10 + (w.date_day - date '2026-08-03') / 7.0)::numeric(6, 1) as best_epley_1rm_kg_to_date,
           (0.97 * (40 + e.rn * 10 + (w.date_day - date '2026-08-03') / 7.0))::numeric(6, 1) as brzycki_1rm_kg,
           (0.97 * (40 + e.rn * 10 + (w.date_day - date '2026-08-03') / 7.0))::numeric(6, 1) as best_brzycki_1rm_kg_to_date
      from marts.fct_workouts w
      join (select exercise_key, row_number() over (order by exercise_key) as rn from marts.dim_exercise) e
        on e.rn % 3 = (substr(w.workout_id, 2)::int % 3)`);
  await pool.query(`create table marts.fct_weekly_muscle_volume as
    select date_trunc('week', o.date_day)::date as iso_week_start_date, e.muscle_group,
           count(*) * 4 as set_count, count(*) * 32 as rep_count, sum(o.epley_1rm_kg * 0.7 * 32) as tonnage_kg
      from marts.fct_exercise_one_rep_max o join marts.dim_exercise e using (exercise_key)
     group by 1, 2`);
}
