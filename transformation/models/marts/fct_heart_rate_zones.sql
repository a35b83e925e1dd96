{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id'
    )
}}

-- delete+insert by activity: a reloaded activity's rows are all replaced, so a zone it no longer
-- has (the athlete's zones changed) does not linger, as it would in a merge by activity_zone_id

with

streams as (

    select * from {{ ref('stg_strava__activity_streams') }}

),

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

zones as (

    select * from {{ ref('stg_strava__athlete_zones') }}

    where zone_type = 'heart_rate'

),

stream_activities as (

    -- activities with a heart-rate stream, and when their points were last loaded
    select
        activity_id,
        bool_and(is_synthetic) as is_synthetic,
        max(loaded_at) as streams_loaded_at

    from streams

    group by activity_id

    having count(heart_rate_bpm) > 0

),

changed_activities as (

    select * from stream_activities

    {% if is_incremental() %}
    -- an activity's points are replaced as a whole: only newly loaded ones need recomputing
    where streams_loaded_at > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})
    {% endif %}

),

intervals as (

    -- a point's heart rate holds until the next point, so the last point adds no time and the
    -- intervals of an activity add up to its stream duration
    select
        streams.activity_id,
        streams.heart_rate_bpm,
        lead(streams.elapsed_s) over (
            partition by streams.activity_id order by streams.point_index
        ) - streams.elapsed_s as interval_s

    from streams

    inner join changed_activities
        on streams.activity_id = changed_activities.activity_id

    -- recorded streams can miss a time value (a null in Strava's `time` data): skip that point
    where streams.elapsed_s is not null

),

activity_zones as (

    select
        changed_activities.activity_id,
        changed_activities.is_synthetic,
        changed_activities.streams_loaded_at,
        zones.zone_index,
        zones.lower_bound,
        zones.upper_bound

    from changed_activities

    inner join activities
        on changed_activities.activity_id = activities.activity_id

    inner join zones
        on activities.athlete_id = zones.athlete_id

    union all

    -- zone 0 holds the time without a reading (or without zones to place it in)
    select
        activity_id,
        is_synthetic,
        streams_loaded_at,
        0 as zone_index,
        null as lower_bound,
        null as upper_bound

    from changed_activities

),

zone_seconds as (

    select
        intervals.activity_id,
        coalesce(activity_zones.zone_index, 0) as zone_index,
        sum(intervals.interval_s) as seconds

    from intervals

    left join activity_zones
        on intervals.activity_id = activity_zones.activity_id
        and activity_zones.zone_index > 0
        and intervals.heart_rate_bpm >= activity_zones.lower_bound
        and (activity_zones.upper_bound is null or intervals.heart_rate_bpm < activity_zones.upper_bound)

    where intervals.interval_s is not null

    group by intervals.activity_id, coalesce(activity_zones.zone_index, 0)

),

final as (

    select
        activity_zones.activity_id::text || '-' || activity_zones.zone_index::text as activity_zone_id,
        activity_zones.activity_id,
        activity_zones.zone_index,
        case
            when activity_zones.zone_index = 0 then 'no_reading'
            else 'heart_rate_' || activity_zones.zone_index::text
        end as zone_name,
        activity_zones.lower_bound as lower_bound_bpm,
        activity_zones.upper_bound as upper_bound_bpm,
        coalesce(zone_seconds.seconds, 0) as time_in_zone_s,
        activity_zones.is_synthetic,
        activity_zones.streams_loaded_at

    from activity_zones

    left join zone_seconds
        on activity_zones.activity_id = zone_seconds.activity_id
        and activity_zones.zone_index = zone_seconds.zone_index

)

select * from final
