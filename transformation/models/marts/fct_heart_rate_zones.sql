{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

-- delete+insert by activity: a reloaded activity's rows are all replaced, so a zone it no longer
-- has (the athlete's zones changed) does not linger, as it would in a merge by activity_zone_id;
-- the post-hook deletes the rows of activities deleted upstream (their points stay in raw)

with

streams as (

    select * from {{ ref('stg_strava__activity_streams') }}

    {% if is_incremental() %}
    -- only the activities whose points were loaded since the last build (an activity's points are
    -- replaced as a whole: all carry the new load time). An array, not a join: the condition then
    -- reaches the raw table through the staging view (a view with CTEs is not flattened into a
    -- join), where the _loaded_at index finds the activities and the key reads their points
    where activity_id = any(array(
        select distinct changed.activity_id
        from {{ ref('stg_strava__activity_streams') }} as changed
        where changed.loaded_at > (select coalesce(max(streams_loaded_at), '-infinity') as watermark from {{ this }})
        union
        -- re-listed after a deletion (the post-hook removed its rows): rebuilt until newer points
        -- move the watermark past the re-listing
        select relisted.activity_id
        from {{ ref('stg_strava__activities') }} as relisted
        where relisted.relisted_at > (select coalesce(max(streams_loaded_at), '-infinity') as watermark from {{ this }})
    ))
    {% endif %}

),

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

zones as (

    select * from {{ ref('stg_strava__athlete_zones') }}

    where zone_type = 'heart_rate'

),

intervals as (

    -- one pass over the points in key order: a point's heart rate holds until the next point,
    -- so the last point adds no time and the intervals of an activity add up to its stream
    -- duration; recorded streams can miss a time value (a null in Strava's `time` data): such a
    -- point is skipped
    select
        activity_id,
        heart_rate_bpm,
        is_synthetic,
        loaded_at,
        lead(elapsed_s) over (partition by activity_id order by point_index) - elapsed_s as interval_s

    from streams

    where elapsed_s is not null

),

rates as (

    -- the seconds at each heart rate of an activity: a few hundred rows per activity, which the
    -- rest of the model reads (twice) instead of the points
    select
        activity_id,
        heart_rate_bpm,
        bool_and(is_synthetic) as is_synthetic,
        max(loaded_at) as streams_loaded_at,
        coalesce(sum(interval_s), 0) as seconds

    from intervals

    group by activity_id, heart_rate_bpm

),

heart_rate_activities as (

    -- activities with a heart-rate stream, and when their points were last loaded
    select
        activity_id,
        bool_and(is_synthetic) as is_synthetic,
        max(streams_loaded_at) as streams_loaded_at

    from rates

    group by activity_id

    having count(heart_rate_bpm) > 0

),

activity_zones as (

    select
        heart_rate_activities.activity_id,
        heart_rate_activities.is_synthetic,
        heart_rate_activities.streams_loaded_at,
        zones.zone_index,
        zones.lower_bound,
        zones.upper_bound

    from heart_rate_activities

    inner join activities
        on heart_rate_activities.activity_id = activities.activity_id

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

    from heart_rate_activities

),

zone_seconds as (

    select
        rates.activity_id,
        coalesce(activity_zones.zone_index, 0) as zone_index,
        sum(rates.seconds) as seconds

    from rates

    left join activity_zones
        on rates.activity_id = activity_zones.activity_id
        and activity_zones.zone_index > 0
        and rates.heart_rate_bpm >= activity_zones.lower_bound
        and (activity_zones.upper_bound is null or rates.heart_rate_bpm < activity_zones.upper_bound)

    group by rates.activity_id, coalesce(activity_zones.zone_index, 0)

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
