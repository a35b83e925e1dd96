with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

activity_sources as (

    select * from {{ ref('fct_activity_sources') }}

),

sources as (

    select
        activity_id,
        count(*) as source_count,
        string_agg(distinct record_source, ', ' order by record_source) as sources,
        max(case when wins_streams then record_source end) as streams_source

    from activity_sources
    group by activity_id

),

places as (

    select * from {{ ref('stg_open_meteo__activity_places') }}

),

hours as (

    select * from {{ ref('stg_open_meteo__hourly_weather') }}

),

-- the weather in the hour each activity started in (hours start at :30 UTC in half-hour zones);
-- fct_activity_weather has the rest. Read from staging, not from that mart, so a graph without
-- streams or weather keeps this mart.
start_weather as (

    select
        places.activity_id,
        hours.temperature_c,
        hours.weather_conditions

    from places
    inner join activities on places.activity_id = activities.activity_id
    inner join hours
        on places.place_key = hours.place_key
        and activities.started_at >= hours.hour_at
        and activities.started_at < hours.hour_at + interval '1 hour'

),

-- one row per real-world activity: a record matched to another activity is left out
activities_once as (

    select
        activities.*,
        sources.source_count as matched_source_count,
        sources.sources as matched_sources,
        sources.streams_source as matched_streams_source,
        start_weather.temperature_c as weather_start_temperature_c,
        start_weather.weather_conditions as weather_start_conditions

    from activities
    left join sources on activities.activity_id = sources.activity_id
    left join start_weather on activities.activity_id = start_weather.activity_id
    where activities.activity_id not in (
        select activity_sources.source_activity_id from activity_sources
        where activity_sources.source_activity_id <> activity_sources.activity_id
    )

),

final as (

    select
        activity_id,
        athlete_id,
        gear_id,
        activity_name,
        sport_type,
        activity_type,
        workout_type,
        record_source,
        coalesce(matched_source_count, 1) as source_count,
        coalesce(matched_sources, record_source) as sources,
        coalesce(matched_streams_source, record_source) as streams_source,
        started_at,
        started_at_local,
        cast(started_at_local as date) as activity_date,
        timezone,
        distance_m,
        round(distance_m / 1000.0, 3) as distance_km,
        moving_time_s,
        elapsed_time_s,
        total_elevation_gain_m,
        average_speed_m_per_s,
        max_speed_m_per_s,
        case
            when distance_m > 0 then round(moving_time_s / (distance_m / 1000.0), 1)
        end as pace_s_per_km,
        average_heartrate_bpm,
        max_heartrate_bpm,
        average_cadence_rpm,
        average_power_w,
        energy_kj,
        suffer_score,
        pr_count,
        has_heartrate,
        is_trainer,
        is_commute,
        is_manual,
        is_deleted,
        weather_start_temperature_c as start_temperature_c,
        weather_start_conditions as start_weather_conditions

    from activities_once

)

select * from final
