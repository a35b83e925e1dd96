-- Year in sport: per calendar year (of the local start date) and sport type, with 'All' for every
-- activity together: totals, the longest streak of active days and of active weeks within the
-- year, and the busiest week, as Strava's "Year in Sport" and Statistics for Strava's yearly
-- stats. Streaks come from fct_activity_streaks, cut at the year's bounds (a streak over New Year
-- counts its days in each year). Weeks are ISO weeks and belong to their ISO year (the year that
-- holds their Thursday, as fct_training_weeks' iso_year), so 29-31 December can be week 1 of the
-- next year.

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

streaks as (

    select * from {{ ref('fct_activity_streaks') }}

),

scoped as (

    -- each activity once under its sport type and once under 'All'
    select
        sport_type,
        cast(started_at_local as date) as activity_date,
        distance_m,
        moving_time_s,
        elapsed_time_s,
        total_elevation_gain_m

    from activities

    union all

    select
        'All' as sport_type,
        cast(started_at_local as date) as activity_date,
        distance_m,
        moving_time_s,
        elapsed_time_s,
        total_elevation_gain_m

    from activities

),

yearly as (

    select
        cast(extract(year from activity_date) as int) as activity_year,
        sport_type,
        count(*) as activity_count,
        count(distinct activity_date) as active_day_count,
        coalesce(sum(distance_m), 0) as distance_m,
        coalesce(sum(moving_time_s), 0) as moving_time_s,
        coalesce(sum(elapsed_time_s), 0) as elapsed_time_s,
        coalesce(sum(total_elevation_gain_m), 0) as elevation_gain_m

    from scoped

    group by cast(extract(year from activity_date) as int), sport_type

),

year_bounds as (

    -- the calendar year, and the Mondays of the first and last ISO week of the ISO year
    select
        activity_year,
        sport_type,
        make_date(activity_year, 1, 1) as first_day,
        make_date(activity_year, 12, 31) as last_day,
        cast(date_trunc('week', make_date(activity_year, 1, 4)) as date) as first_monday,
        cast(date_trunc('week', make_date(activity_year + 1, 1, 4)) as date) - 7 as last_monday

    from yearly

),

year_streaks as (

    -- each streak's length within the year: days within the calendar year, weeks within the ISO year
    select
        year_bounds.activity_year,
        year_bounds.sport_type,
        max(
            case
                when streaks.streak_unit = 'day'
                    then
                        least(streaks.ended_on, year_bounds.last_day)
                        - greatest(streaks.started_on, year_bounds.first_day) + 1
            end
        ) as longest_day_streak_days,
        max(
            case
                when streaks.streak_unit = 'week'
                    then (
                        least(streaks.ended_on - 6, year_bounds.last_monday)
                        - greatest(streaks.started_on, year_bounds.first_monday)
                    ) / 7 + 1
            end
        ) as longest_week_streak_weeks

    from year_bounds

    -- the streaks that overlap the year
    inner join streaks
        on year_bounds.sport_type = streaks.sport_type
        and (
            streaks.streak_unit = 'day'
            and year_bounds.last_day >= streaks.started_on
            and year_bounds.first_day <= streaks.ended_on
            or streaks.streak_unit = 'week'
            and year_bounds.last_monday >= streaks.started_on
            and year_bounds.first_monday <= streaks.ended_on - 6
        )

    group by year_bounds.activity_year, year_bounds.sport_type

),

weekly as (

    select
        cast(extract(isoyear from activity_date) as int) as iso_year,
        sport_type,
        cast(date_trunc('week', activity_date) as date) as week_start_date,
        count(*) as activity_count,
        coalesce(sum(distance_m), 0) as distance_m,
        coalesce(sum(moving_time_s), 0) as moving_time_s

    from scoped

    group by
        cast(extract(isoyear from activity_date) as int),
        sport_type,
        cast(date_trunc('week', activity_date) as date)

),

busiest_weeks as (

    -- the week with the most moving time; a tie goes to the earlier week
    select
        iso_year,
        sport_type,
        week_start_date,
        activity_count,
        distance_m,
        moving_time_s,
        row_number() over (
            partition by iso_year, sport_type order by moving_time_s desc, week_start_date asc
        ) as week_rank

    from weekly

),

final as (

    select
        yearly.activity_year || '|' || yearly.sport_type as year_in_sport_id,
        yearly.activity_year,
        yearly.sport_type,
        yearly.activity_count,
        yearly.active_day_count,
        round(yearly.distance_m / 1000.0, 3) as distance_km,
        yearly.moving_time_s,
        round(yearly.moving_time_s / 3600.0, 2) as moving_time_h,
        yearly.elapsed_time_s,
        yearly.elevation_gain_m,
        coalesce(year_streaks.longest_day_streak_days, 0) as longest_day_streak_days,
        coalesce(year_streaks.longest_week_streak_weeks, 0) as longest_week_streak_weeks,
        busiest_weeks.week_start_date as busiest_week_start_date,
        busiest_weeks.activity_count as busiest_week_activity_count,
        round(busiest_weeks.distance_m / 1000.0, 3) as busiest_week_distance_km,
        busiest_weeks.moving_time_s as busiest_week_moving_time_s

    from yearly

    left join year_streaks
        on yearly.activity_year = year_streaks.activity_year
        and yearly.sport_type = year_streaks.sport_type

    left join busiest_weeks
        on yearly.activity_year = busiest_weeks.iso_year
        and yearly.sport_type = busiest_weeks.sport_type
        and busiest_weeks.week_rank = 1

)

select * from final
