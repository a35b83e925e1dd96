-- Streaks: runs of consecutive active days (a local calendar day with at least one activity) and
-- of consecutive active weeks (ISO weeks, Monday to Sunday, with at least one activity), per sport
-- type and for every activity together ('All'), as the streak counters of Strava's training log
-- and Statistics for Strava. Found as gaps and islands: in a run of consecutive days, the day minus
-- its row number is the same (weeks: the Monday minus seven days per row number).

{# "today" for is_current: VOYAGER_TRAINING_AS_OF (YYYY-MM-DD, for a report as of a past day; the
    tests pin it), else the database's current_date; macros/training_as_of.sql checks the value #}

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

scoped as (

    -- each activity once under its sport type and once under 'All'
    select
        sport_type,
        cast(started_at_local as date) as activity_date

    from activities

    union all

    select
        'All' as sport_type,
        cast(started_at_local as date) as activity_date

    from activities

),

active_days as (

    select
        sport_type,
        activity_date as period_start,
        count(*) as activity_count,
        1 as active_day_count

    from scoped

    group by sport_type, activity_date

),

active_weeks as (

    select
        sport_type,
        cast(date_trunc('week', activity_date) as date) as period_start,
        count(*) as activity_count,
        count(distinct activity_date) as active_day_count

    from scoped

    group by sport_type, cast(date_trunc('week', activity_date) as date)

),

periods as (

    select
        'day' as streak_unit,
        sport_type,
        period_start,
        activity_count,
        active_day_count,
        period_start - cast(row_number() over (partition by sport_type order by period_start) as int) as island

    from active_days

    union all

    select
        'week' as streak_unit,
        sport_type,
        period_start,
        activity_count,
        active_day_count,
        period_start - 7 * cast(row_number() over (partition by sport_type order by period_start) as int) as island

    from active_weeks

),

streaks as (

    select
        streak_unit,
        sport_type,
        min(period_start) as started_on,
        -- a week streak ends on the Sunday of its last week
        max(period_start) + case when streak_unit = 'week' then 6 else 0 end as ended_on,
        count(*) as streak_length,
        sum(activity_count) as activity_count,
        sum(active_day_count) as active_day_count

    from periods

    group by streak_unit, sport_type, island

),

final as (

    select
        streak_unit || '|' || sport_type || '|' || to_char(started_on, 'YYYY-MM-DD') as activity_streak_id,
        streak_unit,
        sport_type,
        started_on,
        ended_on,
        streak_length,
        activity_count,
        active_day_count,
        rank() over (partition by streak_unit, sport_type order by streak_length desc) = 1 as is_longest,
        -- still alive: a day streak whose last day is today or yesterday (today is not over), a
        -- week streak whose last week is this week or last week
        case
            when streak_unit = 'day'
                then ended_on >= {{ training_as_of() }} - 1
            else
                ended_on >= cast(date_trunc(
                    'week', {{ training_as_of() }}
                ) as date) - 1
        end as is_current

    from streaks

)

select * from final
