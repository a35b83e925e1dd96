-- The weather of each activity with a start position: conditions in the hour it started, the
-- mean and extremes over the hours it covered (Open-Meteo historical, hourly), and, where a route
-- was recorded, the wind relative to the direction of travel. One row per real-world activity
-- (fct_activity_sources.activity_id), from its record that wins the streams (wins_streams: a device
-- file beats the export and the API; its start, place and route), so an activity imported from the
-- API and as a device file counts once.
with

stream_records as (

    select
        source_activity_id,
        activity_id

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

activities as (

    -- the winning records; the CTEs below are by record id, final maps them to the activity
    select * from {{ ref('stg_strava__activities') }}

    where activity_id in (select stream_records.source_activity_id from stream_records)

),

places as (

    select * from {{ ref('stg_open_meteo__activity_places') }}

),

hours as (

    select * from {{ ref('stg_open_meteo__hourly_weather') }}

),

points as (

    select * from {{ ref('stg_strava__activity_streams') }}

),

timed as (

    select
        activity_id,
        started_at,
        started_at + greatest(elapsed_time_s, 1) * interval '1 second' as ended_at

    from activities

),

activity_hours as (

    -- every hour that overlaps the activity; an hour is [hour_at, hour_at + 1 h), which in a
    -- zone with a half-hour offset (Adelaide, India) starts at :30 UTC
    select
        timed.activity_id,
        timed.started_at,
        hours.place_key,
        hours.hour_at,
        hours.hour_at_local,
        hours.timezone,
        hours.temperature_c,
        hours.apparent_temperature_c,
        hours.relative_humidity_pct,
        hours.dew_point_c,
        hours.precipitation_mm,
        hours.cloud_cover_pct,
        hours.wind_speed_m_per_s,
        hours.wind_gusts_m_per_s,
        hours.wind_direction_deg,
        hours.weather_code,
        hours.weather_conditions

    from timed
    inner join places on timed.activity_id = places.activity_id
    inner join hours
        on places.place_key = hours.place_key
        and timed.ended_at > hours.hour_at
        and timed.started_at < hours.hour_at + interval '1 hour'

),

over_activity as (

    select
        activity_id,
        count(*) as hours_covered,
        round(avg(temperature_c), 1) as temperature_mean_c,
        min(temperature_c) as temperature_min_c,
        max(temperature_c) as temperature_max_c,
        sum(precipitation_mm) as precipitation_total_mm,
        max(wind_speed_m_per_s) as wind_speed_max_m_per_s,
        max(wind_gusts_m_per_s) as wind_gusts_max_m_per_s

    from activity_hours
    group by activity_id

),

at_start as (

    -- the hour the start falls in
    select * from activity_hours
    where hour_at <= started_at and started_at < hour_at + interval '1 hour'

),

segments as (

    -- consecutive positions of a route, in the order recorded
    select
        activity_id,
        lag(elapsed_s) over route as from_elapsed_s,
        elapsed_s - lag(elapsed_s) over route as duration_s,
        lag(latitude_deg) over route as from_latitude_deg,
        lag(longitude_deg) over route as from_longitude_deg,
        latitude_deg,
        longitude_deg,
        is_moving

    from points
    where latitude_deg is not null and longitude_deg is not null
    window route as (partition by activity_id order by point_index)

),

headings as (

    -- the initial great-circle bearing of each segment the athlete moved along, degrees clockwise
    -- from north (https://www.movable-type.co.uk/scripts/latlong.html, "Bearing")
    select
        activity_id,
        from_elapsed_s,
        duration_s,
        degrees(atan2(
            sin(radians(longitude_deg - from_longitude_deg)) * cos(radians(latitude_deg)),
            cos(radians(from_latitude_deg)) * sin(radians(latitude_deg))
            - sin(radians(from_latitude_deg)) * cos(radians(latitude_deg))
            * cos(radians(longitude_deg - from_longitude_deg))
        )) as heading_deg

    from segments
    where
        duration_s > 0
        and is_moving is not false
        and (latitude_deg <> from_latitude_deg or longitude_deg <> from_longitude_deg)

),

relative_wind as (

    -- where the wind of the hour a segment starts in blows from, relative to the heading:
    -- 0 = straight into the athlete's face, +-180 = straight from behind
    select
        headings.activity_id,
        headings.duration_s,
        hours.wind_speed_m_per_s,
        mod(cast(hours.wind_direction_deg - headings.heading_deg + 540 as numeric), 360) - 180
            as relative_deg

    from headings
    inner join timed on headings.activity_id = timed.activity_id
    inner join places on headings.activity_id = places.activity_id
    inner join hours
        on places.place_key = hours.place_key
        and timed.started_at + headings.from_elapsed_s * interval '1 second' >= hours.hour_at
        and timed.started_at + headings.from_elapsed_s * interval '1 second' < hours.hour_at + interval '1 hour'

),

over_route as (

    -- headwind within 45 degrees of the heading, tailwind within 45 degrees of behind, crosswind
    -- between; below 0.5 m/s the air is calm and its direction is not attributed: Beaufort force 0,
    -- "calm", is less than 1 knot (0.514 m/s, rounded to 0.5) in the Beaufort scale with the
    -- WMO's classification (https://www.weather.gov/mfl/beaufort)
    select
        activity_id,
        sum(duration_s) as route_s,
        sum(case when wind_speed_m_per_s < 0.5 then duration_s else 0 end) as calm_s,
        sum(case when wind_speed_m_per_s >= 0.5 and abs(relative_deg) <= 45 then duration_s else 0 end)
            as headwind_s,
        sum(
            case
                when wind_speed_m_per_s >= 0.5 and abs(relative_deg) > 45 and abs(relative_deg) < 135
                    then duration_s
                else 0
            end
        ) as crosswind_s,
        sum(case when wind_speed_m_per_s >= 0.5 and abs(relative_deg) >= 135 then duration_s else 0 end)
            as tailwind_s,
        round(cast(
            sum(wind_speed_m_per_s * cos(radians(relative_deg)) * duration_s) / sum(duration_s) as numeric
        ), 2) as headwind_mean_m_per_s,
        round(cast(
            sum(wind_speed_m_per_s * abs(sin(radians(relative_deg))) * duration_s) / sum(duration_s) as numeric
        ), 2) as crosswind_mean_m_per_s

    from relative_wind
    group by activity_id

),

final as (

    select
        stream_records.activity_id,
        at_start.activity_id as source_activity_id,
        at_start.place_key,
        at_start.timezone,
        at_start.started_at,
        at_start.hour_at_local as start_hour_local,
        at_start.temperature_c as start_temperature_c,
        at_start.apparent_temperature_c as start_apparent_temperature_c,
        at_start.relative_humidity_pct as start_relative_humidity_pct,
        at_start.dew_point_c as start_dew_point_c,
        at_start.precipitation_mm as start_precipitation_mm,
        at_start.cloud_cover_pct as start_cloud_cover_pct,
        at_start.wind_speed_m_per_s as start_wind_speed_m_per_s,
        at_start.wind_gusts_m_per_s as start_wind_gusts_m_per_s,
        at_start.wind_direction_deg as start_wind_direction_deg,
        at_start.weather_code as start_weather_code,
        at_start.weather_conditions as start_conditions,
        over_activity.hours_covered,
        over_activity.temperature_mean_c,
        over_activity.temperature_min_c,
        over_activity.temperature_max_c,
        over_activity.precipitation_total_mm,
        over_activity.wind_speed_max_m_per_s,
        over_activity.wind_gusts_max_m_per_s,
        over_route.route_s,
        over_route.calm_s,
        over_route.headwind_s,
        over_route.crosswind_s,
        over_route.tailwind_s,
        over_route.headwind_mean_m_per_s,
        over_route.crosswind_mean_m_per_s

    from at_start
    inner join stream_records on at_start.activity_id = stream_records.source_activity_id
    inner join over_activity on at_start.activity_id = over_activity.activity_id
    left join over_route on at_start.activity_id = over_route.activity_id

)

select * from final
