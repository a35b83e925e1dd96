{{
    config(
        materialized='incremental',
        unique_key='hour_started_at'
    )
}}

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
        date_trunc('hour', activities.started_at + make_interval(secs => streams.elapsed_s::double precision)) as hour_started_at,
        date_trunc('hour', activities.started_at_local + make_interval(secs => streams.elapsed_s::double precision)) as hour_started_at_local

    from streams

    inner join activities
        on streams.activity_id = activities.activity_id

    where streams.heart_rate_bpm is not null
        and streams.elapsed_s is not null

),

{% if is_incremental() %}
changed_hours as (

    -- hours touched by newly loaded points are recomputed from every activity in them
    select distinct hour_started_at

    from points

    where loaded_at > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})

),
{% endif %}

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

    {% if is_incremental() %}
    where hour_started_at in (select hour_started_at from changed_hours)
    {% endif %}

    group by hour_started_at

)

select * from hourly
