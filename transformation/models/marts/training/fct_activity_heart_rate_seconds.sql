{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

-- Seconds at each whole bpm per activity: the heart-rate TRIMP of fct_activity_training_load is a
-- sum over these few rows, so a new maximum heart rate re-weights every activity without
-- re-reading the streams.

with

{{ training_stream_window(ref('fct_activity_stream_intervals')) }},

final as (

    -- a reading holds until the next point; a gap over the pause limit is not bridged
    select
        activity_id,
        cast(round(heart_rate_bpm) as int) as heart_rate_bpm,
        sum(interval_s) as duration_s,
        streams_loaded_at

    from stream_window

    where
        heart_rate_bpm is not null
        and interval_s > 0
        and interval_s <= {{ var('training_pause_gap_s', 10) }}

    group by activity_id, cast(round(heart_rate_bpm) as int), streams_loaded_at

)

select * from final
