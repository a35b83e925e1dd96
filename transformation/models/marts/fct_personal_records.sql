with

strava_efforts as (

    select * from {{ ref('stg_strava__best_efforts') }}

),

stream_efforts as (

    select * from {{ ref('fct_stream_best_efforts') }}

),

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

),

stream_records as (

    -- the record whose streams stand for each activity (a device file beats the export and the
    -- API, fct_activity_sources.wins_streams), with its own start: fct_stream_best_efforts holds
    -- the efforts of every record
    select
        source_activity_id,
        activity_id,
        started_at

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

efforts as (

    -- Strava's best efforts where it reports them (it interpolates between points), and the ones
    -- found in the streams for every other activity (file imports, activities without details)
    select
        best_effort_id::text as best_effort_id,
        activity_id,
        effort_name,
        distance_m,
        elapsed_time_s,
        started_at,
        started_at_local,
        'strava' as effort_source

    from strava_efforts

    union all

    select
        stream_efforts.stream_effort_id as best_effort_id,
        stream_records.activity_id,
        stream_efforts.effort_name,
        stream_efforts.distance_m,
        stream_efforts.elapsed_time_s,
        -- the offset counts from the start of the record whose stream it is
        stream_records.started_at + make_interval(secs => stream_efforts.started_offset_s) as started_at,
        activities.started_at_local
        + (stream_records.started_at - activities.started_at)
        + make_interval(secs => stream_efforts.started_offset_s) as started_at_local,
        'stream' as effort_source

    from stream_efforts

    inner join stream_records
        on stream_efforts.activity_id = stream_records.source_activity_id

    inner join activities
        on stream_records.activity_id = activities.activity_id

    where
        not activities.is_deleted
        and stream_records.activity_id not in (select strava_efforts.activity_id from strava_efforts)

),

progression as (

    -- the best time over the distance before each effort
    select
        *,
        min(elapsed_time_s) over (
            partition by effort_name
            order by started_at, best_effort_id
            rows between unbounded preceding and 1 preceding
        ) as previous_record_s

    from efforts

),

records as (

    select * from progression

    where previous_record_s is null or elapsed_time_s < previous_record_s

),

final as (

    select
        best_effort_id,
        activity_id,
        effort_name,
        effort_source,
        distance_m,
        elapsed_time_s,
        case when distance_m > 0 then round(elapsed_time_s / (distance_m / 1000.0), 1) end as pace_s_per_km,
        previous_record_s,
        previous_record_s - elapsed_time_s as improvement_s,
        row_number() over (partition by effort_name order by started_at, best_effort_id) as record_number,
        started_at as set_at,
        started_at_local as set_at_local,
        lead(started_at) over (partition by effort_name order by started_at, best_effort_id) as superseded_at,
        lead(started_at) over (
            partition by effort_name order by started_at, best_effort_id
        ) is null as is_current_record

    from records

)

select * from final
