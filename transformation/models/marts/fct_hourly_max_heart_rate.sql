-- A table, rebuilt and swapped in on every build (one scan of the streams), not incremental: an
-- hour mixes activities, so when a reloaded activity no longer reaches an hour, no key of the new
-- batch (neither the hour nor the activity) could delete that hour's stale row.

with

streams as (

    select * from {{ ref('stg_strava__activity_streams') }}

),

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

points as (

    -- each reading at its instant: the activity's start plus the point's elapsed seconds
    select
        streams.activity_id,
        streams.heart_rate_bpm,
        streams.is_synthetic,
        streams.loaded_at,
        date_trunc(
            'hour', activities.started_at + make_interval(secs => streams.elapsed_s::double precision)
        ) as hour_started_at,
        date_trunc(
            'hour', activities.started_at_local + make_interval(secs => streams.elapsed_s::double precision)
        ) as hour_started_at_local

    from streams

    inner join activities
        on streams.activity_id = activities.activity_id

    where
        streams.heart_rate_bpm is not null
        and streams.elapsed_s is not null

),


hourly as (

    select
        hour_started_at,
        min(hour_started_at_local) as hour_started_at_local,
        max(heart_rate_bpm) as max_heart_rate_bpm,
        count(distinct activity_id) as activity_count,
        count(*) as reading_count,
        bool_and(is_synthetic) as is_synthetic,
        max(loaded_at) as streams_loaded_at

    from points

    group by hour_started_at

)

select * from hourly
