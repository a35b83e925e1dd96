import type { Pool } from 'pg';

/**
 * Writes the training marts the 'Fitness and performance' dashboard reads (fct_daily_fitness,
 * fct_mean_maximal_curves, fct_eddington_numbers, fct_eddington_history, fct_year_in_sport) with the real marts' column
 * names, from the demo `marts.fct_activities`: a daily load of km × 10, CTL/ATL as 42- and 7-day
 * means, all-time speed curves per sport at six durations, one Eddington number per sport in km with its history,
 * and yearly totals per sport (streaks and busiest week simplified). Deterministic.
 */
export async function writeDemoTrainingMarts(pool: Pool): Promise<void> {
  await pool.query(`drop table if exists marts.fct_daily_fitness, marts.fct_mean_maximal_curves,
    marts.fct_eddington_numbers, marts.fct_eddington_history, marts.fct_year_in_sport`);
  await pool.query(`create table marts.fct_daily_fitness as
    with days as (
      select d::date as date_day, coalesce(sum(a.distance_km * 10), 0) as training_load
        from generate_series(current_date - 120, current_date, interval '1 day') d
        left join marts.fct_activities a on a.activity_date = d::date
       group by 1
    ), rolled as (
      select date_day, training_load,
             avg(training_load) over (order by date_day rows 41 preceding) as fitness_ctl,
             avg(training_load) over (order by date_day rows 6 preceding) as fatigue_atl
        from days
    )
    select date_day, training_load, fitness_ctl, fatigue_atl, fitness_ctl - fatigue_atl as form_tsb from rolled`);
  await pool.query(`create table marts.fct_mean_maximal_curves as
    select 'all_time' as curve_scope, a.sport_type, d.duration_s, null::numeric as best_power_w,
           null::bigint as power_activity_id, max(a.average_speed_m_per_s) * (1 + 5.0 / d.duration_s) as best_speed_m_per_s,
           min(a.activity_id) as speed_activity_id
      from marts.fct_activities a cross join unnest(array[5, 30, 60, 300, 1200, 3600]) as d (duration_s)
     group by a.sport_type, d.duration_s`);
  await pool.query(`create table marts.fct_eddington_numbers as
    select sport_type, 'km' as distance_unit, least(count(*), floor(min(distance_km)))::int as eddington_number,
           3 as days_to_next, max(activity_date) as reached_on
      from marts.fct_activities group by sport_type`);
  // each sport's numbers 1.. as its activities accumulate, up to its Eddington number
  await pool.query(`create table marts.fct_eddington_history as
    select h.sport_type || '-km-' || h.n as eddington_step_id, h.sport_type, 'km' as distance_unit,
           h.n as eddington_number, h.activity_date as reached_on
      from (select sport_type, activity_date, row_number() over (partition by sport_type order by activity_date) as n
              from marts.fct_activities) h
      join marts.fct_eddington_numbers e on e.sport_type = h.sport_type and h.n <= e.eddington_number`);
  await pool.query(`create table marts.fct_year_in_sport as
    select extract(year from activity_date)::int as activity_year, coalesce(sport_type, 'All') as sport_type,
           count(*) as activity_count, sum(distance_km) as distance_km,
           round(sum(moving_time_s) / 3600.0, 2) as moving_time_h,
           count(distinct activity_date) as longest_day_streak_days, 1 as longest_week_streak_weeks,
           min(date_trunc('week', activity_date))::date as busiest_week_start_date,
           max(distance_km) as busiest_week_distance_km
      from marts.fct_activities group by grouping sets ((extract(year from activity_date), sport_type), (extract(year from activity_date)))`);
}
