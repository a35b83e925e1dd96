{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_losing_stream_records(ref('fct_activity_sources')) }}"
    )
}}

-- One row set per real-world activity (fct_activity_sources.activity_id), from the streams of its
-- record that wins them (wins_streams: a device file beats the export and the API), so an activity
-- imported from the API and as a device file counts once. delete+insert by activity: a rebuilt
-- activity's rows are all replaced, so a zone it no longer has (the athlete's zones changed) does
-- not linger; the post-hook deletes the rows of records that no longer win (a deleted activity, a
-- device file that now wins; their points stay in raw)

with

stream_records as (

    select
        source_activity_id,
        activity_id

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

streams as (

    select * from {{ ref('stg_strava__activity_streams') }}

    {% if is_incremental() %}
    -- only the winning records of the activities to rebuild: an activity with a record whose
    -- points were loaded (or which was re-listed after a deletion) since the last build, and one
    -- whose winning record is not the one its rows came from (a device file matched to it, its
    -- Strava record deleted or back). An array, not a join: the condition then reaches the raw
    -- table through the staging view (a view with CTEs is not flattened into a join), where the
    -- _loaded_at index finds the activities and the key reads their points
    where activity_id = any(array(
        select rebuilt.source_activity_id
        from {{ ref('fct_activity_sources') }} as rebuilt
        where
            rebuilt.wins_streams
            and rebuilt.activity_id in (
                select changed_records.activity_id
                from {{ ref('fct_activity_sources') }} as changed_records
                where changed_records.source_activity_id in (
                    select changed.activity_id
                    from {{ ref('stg_strava__activity_streams') }} as changed
                    where
                        changed.loaded_at
                        > (select coalesce(max(streams_loaded_at), '-infinity') as watermark from {{ this }})
                    union
                    -- re-listed after a deletion (the post-hook removed its rows): rebuilt until
                    -- newer points move the watermark past the re-listing
                    select relisted.activity_id
                    from {{ ref('stg_strava__activities') }} as relisted
                    where
                        relisted.relisted_at
                        > (select coalesce(max(streams_loaded_at), '-infinity') as watermark from {{ this }})
                )
                union
                select winners.activity_id
                from {{ ref('fct_activity_sources') }} as winners
                inner join {{ ref('stg_strava__activities') }} as records
                    on winners.source_activity_id = records.activity_id
                where
                    winners.wins_streams
                    and records.has_heartrate
                    and not exists (
                        select 1
                        from {{ this }} as built
                        where
                            built.activity_id = winners.activity_id
                            and built.source_activity_id = winners.source_activity_id
                    )
            )
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
        stream_records.activity_id,
        streams.activity_id as source_activity_id,
        streams.heart_rate_bpm,
        streams.is_synthetic,
        streams.loaded_at,
        lead(streams.elapsed_s) over (
            partition by streams.activity_id order by streams.point_index
        ) - streams.elapsed_s as interval_s

    from streams

    inner join stream_records
        on streams.activity_id = stream_records.source_activity_id

    where streams.elapsed_s is not null

),

rates as (

    -- the seconds at each heart rate of an activity: a few hundred rows per activity, which the
    -- rest of the model reads (twice) instead of the points
    select
        activity_id,
        source_activity_id,
        heart_rate_bpm,
        bool_and(is_synthetic) as is_synthetic,
        max(loaded_at) as streams_loaded_at,
        coalesce(sum(interval_s), 0) as seconds

    from intervals

    group by activity_id, source_activity_id, heart_rate_bpm

),

heart_rate_activities as (

    -- activities with a heart-rate stream, and when their points were last loaded
    select
        activity_id,
        source_activity_id,
        bool_and(is_synthetic) as is_synthetic,
        max(streams_loaded_at) as streams_loaded_at

    from rates

    group by activity_id, source_activity_id

    having count(heart_rate_bpm) > 0

),

activity_zones as (

    select
        heart_rate_activities.activity_id,
        heart_rate_activities.source_activity_id,
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
        source_activity_id,
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
        activity_zones.source_activity_id,
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
