{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='hour_started_at'
    )
}}

-- Incremental by UTC hour (the hourly partitions of raw/heart_rate_samples): a build rebuilds
-- only the hours that points loaded since the last build touch, every source of those hours
-- (delete+insert by hour), and leaves the other hours alone. A Strava activity whose streams were
-- reloaded, or which was edited or deleted, touches every hour of its elapsed time, so an hour it
-- no longer reaches is rebuilt without it. The watermark is the newest load time in the table:
-- loads commit before the marts build (raw runs upstream), so no point is loaded "in the past".
-- An hour left without readings (its points gone upstream, all implausible now, or its activity
-- deleted) is cleared too: delete+insert only deletes the hours the batch names, so each touched
-- hour gets a tombstone row (sample_count 0), which the post_hook in the .yml deletes.

with

samples as (

    select * from {{ ref('stg_heart_rate__samples') }}

),

streams as (

    select * from {{ ref('stg_strava__activity_streams') }}

),

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

stream_records as (

    -- the record whose streams stand for each real-world activity (wins_streams: a device file
    -- beats the export and the API), so an activity imported twice counts once in an hour
    select source_activity_id

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

{% if is_incremental() %}

watermark as (

    select coalesce(max(loaded_at), '-infinity'::timestamptz) as loaded_at from {{ this }}

),

changed_activities as (

    -- the views themselves, not the samples/streams CTEs: a CTE read twice is materialized whole
    -- (every point), while the view read here reaches the raw _loaded_at index
    select distinct changed_streams.activity_id

    from {{ ref('stg_strava__activity_streams') }} as changed_streams

    where changed_streams.loaded_at > (select loaded_at from watermark)

    union

    select activities.activity_id

    from activities

    where
        activities.loaded_at > (select loaded_at from watermark)
        or activities.deleted_at > (select loaded_at from watermark)

),

vanished_hours as (

    -- hours the table holds for a wearable source that has no plausible reading there anymore
    -- (points deleted upstream leave no load time behind); the view itself, not the samples CTE,
    -- so that CTE is read once and inlined rather than materialized with every sample
    select distinct built.hour_started_at

    from {{ this }} as built

    where
        built.source <> 'strava_streams'
        and not exists (
            select 1
            from {{ ref('stg_heart_rate__samples') }} as remaining
            where
                remaining.source = built.source
                and remaining.is_plausible
                and remaining.sampled_at >= built.hour_started_at
                and remaining.sampled_at < built.hour_started_at + interval '1 hour'
        )

),

touched_hours as (

    select distinct changed_samples.hour_started_at

    from {{ ref('stg_heart_rate__samples') }} as changed_samples

    where changed_samples.loaded_at > (select loaded_at from watermark)

    union

    select vanished_hours.hour_started_at

    from vanished_hours

    union

    -- the hours the table holds for a changed activity: one whose start moved (edited, or another
    -- record of it now winning the streams) leaves hours its elapsed time no longer reaches
    select built.hour_started_at

    from {{ this }} as built

    where built.activity_ids && array(select changed_activities.activity_id from changed_activities)

    union

    -- every hour of a changed activity's elapsed time (also the ones its new points no longer reach)
    select
        generate_series(
            date_trunc('hour', activities.started_at),
            activities.started_at + make_interval(secs => coalesce(activities.elapsed_time_s, 0)::double precision),
            interval '1 hour'
        ) as hour_started_at

    from activities

    inner join changed_activities
        on activities.activity_id = changed_activities.activity_id

),

{% endif %}

stream_activities as (

    -- the activities whose points count (the winning record of each real-world activity): in an
    -- incremental build, those overlapping a touched hour. A record that starts or stops winning
    -- (a device file matched to it, its Strava record deleted or re-listed) has points or a record
    -- loaded, or a deletion, since the last build, so its hours are touched
    select
        activity_id,
        started_at,
        loaded_at

    from activities

    where
        not is_deleted
        and activity_id in (select stream_records.source_activity_id from stream_records)
    {% if is_incremental() %}
        and exists (
            select 1
            from touched_hours
            where
                touched_hours.hour_started_at >= date_trunc('hour', activities.started_at)
                and touched_hours.hour_started_at
                <= activities.started_at + make_interval(secs => coalesce(activities.elapsed_time_s, 0)::double precision)
        )
    {% endif %}

),

stream_points as (

    -- each reading at its instant: the activity's start plus the point's elapsed seconds
    select
        streams.activity_id,
        streams.heart_rate_bpm,
        streams.is_synthetic,
        -- the newer of the point's and its activity's load: the watermark (the newest of the table)
        -- then covers an activity loaded or edited after its points, which would otherwise count
        -- as changed, and have its hours rebuilt, in every build until newer points load
        greatest(streams.loaded_at, stream_activities.loaded_at) as loaded_at,
        date_trunc(
            'hour', stream_activities.started_at + make_interval(secs => streams.elapsed_s::double precision)
        ) as hour_started_at

    from streams

    inner join stream_activities
        on streams.activity_id = stream_activities.activity_id

    where
        streams.heart_rate_bpm is not null
        and streams.elapsed_s is not null
    {% if is_incremental() %}
        -- the touched activities' points only, found on the raw (activity_id, point_index) index:
        -- with the join alone the planner hashed every point of the history, so one new activity
        -- cost a scan of all the streams (2.9 s at 2 M points, 23 s at 20 M)
        and streams.activity_id = any(array(select stream_activities.activity_id from stream_activities))
    {% endif %}

),

strava_hourly as (

    select
        hour_started_at,
        'strava_streams' as source_name,
        max(heart_rate_bpm) as max_heart_rate_bpm,
        count(*) as sample_count,
        1 as device_count,
        count(distinct activity_id) as activity_count,
        array_agg(distinct activity_id order by activity_id) as activity_ids,
        bool_and(is_synthetic) as is_synthetic,
        max(loaded_at) as loaded_at

    from stream_points

    {% if is_incremental() %}
    where hour_started_at in (select touched_hours.hour_started_at from touched_hours)
    {% endif %}

    group by hour_started_at

),

sample_hourly as (

    select
        hour_started_at,
        source,
        max(heart_rate_bpm) as max_heart_rate_bpm,
        count(*) as sample_count,
        count(distinct device) as device_count,
        null::bigint as activity_count,
        null::bigint[] as activity_ids,
        false as is_synthetic,
        max(loaded_at) as loaded_at

    from samples

    where
        is_plausible
    {% if is_incremental() %}
        and hour_started_at in (select touched_hours.hour_started_at from touched_hours)
    {% endif %}

    group by hour_started_at, source

),

unioned as (

    -- the wearables' rows first: a union takes its column names from its first branch, so the
    -- Strava rows' literal source needs no column alias named after a keyword
    select * from sample_hourly

    union all

    select * from strava_hourly

    {% if is_incremental() %}

    union all

    -- a tombstone per touched hour, so delete+insert clears the hour even when no reading is left;
    -- the post_hook deletes the tombstones (sample_count 0; a real row has at least one reading)
    select
        hour_started_at,
        'none' as source_name,
        null as max_heart_rate_bpm,
        0 as sample_count,
        0 as device_count,
        null as activity_count,
        null as activity_ids,
        false as is_synthetic,
        null as loaded_at

    from touched_hours

    {% endif %}

),

final as (

    select
        to_char(hour_started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24') || '|' || source as hour_source_id,
        hour_started_at,
        source,
        max_heart_rate_bpm,
        sample_count,
        device_count,
        activity_count,
        activity_ids,
        is_synthetic,
        loaded_at

    from unioned

)

select * from final
