{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id'
    )
}}

-- Seconds at each whole bpm per activity: the heart-rate TRIMP of fct_activity_training_load is a
-- sum over these few rows, so a new maximum heart rate re-weights every activity without
-- re-reading the streams.

with

intervals as (

    select * from {{ ref('fct_activity_stream_intervals') }}

),

changed_activities as (

    select
        activity_id,
        max(streams_loaded_at) as streams_loaded_at

    from intervals

    group by activity_id

    {% if is_incremental() %}
    having max(streams_loaded_at) > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})
    {% endif %}

),

final as (

    -- a reading holds until the next point; a gap over the pause limit is not bridged
    select
        intervals.activity_id,
        cast(round(intervals.heart_rate_bpm) as int) as heart_rate_bpm,
        sum(intervals.interval_s) as duration_s,
        changed_activities.streams_loaded_at

    from intervals

    inner join changed_activities
        on intervals.activity_id = changed_activities.activity_id

    where
        intervals.heart_rate_bpm is not null
        and intervals.interval_s > 0
        and intervals.interval_s <= {{ var('training_pause_gap_s', 10) }}

    group by intervals.activity_id, cast(round(intervals.heart_rate_bpm) as int), changed_activities.streams_loaded_at

)

select * from final
