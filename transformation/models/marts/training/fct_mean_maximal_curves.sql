-- The mean-maximal power and speed curves per sport type, all-time and per season (calendar year
-- of the local start): for each duration the best of any activity, and the activity that set it
-- (the earliest one on a tie).

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

stream_records as (

    -- the record whose streams stand for each activity (a device file beats the export and the
    -- API, fct_activity_sources.wins_streams): fct_activity_mean_maximal holds one row set per record
    select
        source_activity_id,
        activity_id

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

activity_bests as (

    select
        stream_records.activity_id,
        bests.duration_s,
        bests.best_power_w,
        bests.best_speed_m_per_s

    from {{ ref('fct_activity_mean_maximal') }} as bests

    inner join stream_records
        on bests.activity_id = stream_records.source_activity_id

),

bests as (

    select
        activity_bests.activity_id,
        activity_bests.duration_s,
        activity_bests.best_power_w,
        activity_bests.best_speed_m_per_s,
        activities.sport_type,
        activities.started_at,
        cast(extract(year from activities.started_at_local) as int) as season_year

    from activity_bests

    inner join activities
        on activity_bests.activity_id = activities.activity_id

),

scoped as (

    select
        'all_time' as curve_scope,
        0 as season_year,
        bests.activity_id,
        bests.duration_s,
        bests.best_power_w,
        bests.best_speed_m_per_s,
        bests.sport_type,
        bests.started_at

    from bests

    union all

    select
        'season' as curve_scope,
        bests.season_year,
        bests.activity_id,
        bests.duration_s,
        bests.best_power_w,
        bests.best_speed_m_per_s,
        bests.sport_type,
        bests.started_at

    from bests

),

ranked as (

    select
        *,
        row_number() over (
            partition by curve_scope, season_year, sport_type, duration_s
            order by best_power_w desc nulls last, started_at asc, activity_id asc
        ) as power_rank,
        row_number() over (
            partition by curve_scope, season_year, sport_type, duration_s
            order by best_speed_m_per_s desc nulls last, started_at asc, activity_id asc
        ) as speed_rank

    from scoped

),

final as (

    select
        power_best.curve_scope || '-' || cast(power_best.season_year as text) || '-' || power_best.sport_type || '-'
        || cast(power_best.duration_s as text) as curve_point_id,
        power_best.curve_scope,
        nullif(power_best.season_year, 0) as season_year,
        power_best.sport_type,
        power_best.duration_s,
        power_best.best_power_w,
        case when power_best.best_power_w is not null then power_best.activity_id end as power_activity_id,
        speed_best.best_speed_m_per_s,
        round(1000 / nullif(speed_best.best_speed_m_per_s, 0), 1) as best_pace_s_per_km,
        speed_best.activity_id as speed_activity_id

    from ranked as power_best

    inner join ranked as speed_best
        on power_best.curve_scope = speed_best.curve_scope
        and power_best.season_year = speed_best.season_year
        and power_best.sport_type = speed_best.sport_type
        and power_best.duration_s = speed_best.duration_s
        and speed_best.speed_rank = 1

    where power_best.power_rank = 1

)

select * from final
