{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        indexes=[{'columns': ['activity_id']}, {'columns': ['streams_loaded_at']}],
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

-- The stream cut into intervals between consecutive points, with the moving-time axis the curves,
-- training load and grade-adjusted pace read, for activities not deleted upstream. Incremental by
-- activity: an activity's points are replaced as a whole, so only activities whose points were
-- loaded since the last build change; the post-hook deletes the rows of activities deleted since,
-- and an activity re-listed after its deletion comes back in the next build (relisted_at).

with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

{{ training_stream_window(
    ref('stg_strava__activity_streams'), 'loaded_at', relisted_from=ref('stg_strava__activities')
) }},

points as (

    -- a duplicated point (same time as the previous one) adds a zero-length interval only
    select
        stream_window.activity_id,
        stream_window.point_index,
        stream_window.elapsed_s,
        stream_window.distance_m,
        stream_window.altitude_m,
        stream_window.heart_rate_bpm,
        stream_window.power_w,
        coalesce(stream_window.is_moving, true) as is_moving,
        -- an activity re-listed after its deletion changed when it was re-listed (its points did
        -- not), so the models that read this one rebuild it too
        greatest(changed_activities.streams_loaded_at, activities.relisted_at) as streams_loaded_at,
        lead(stream_window.elapsed_s) over w as next_elapsed_s,
        lead(stream_window.distance_m) over w as next_distance_m,
        lead(stream_window.altitude_m) over w as next_altitude_m,
        coalesce(lead(stream_window.is_moving) over w, true) as is_next_moving

    from stream_window

    inner join changed_activities
        on stream_window.activity_id = changed_activities.activity_id

    -- the points of activities not deleted upstream (a deleted activity's points stay in raw; its
    -- rows leave the incremental tables in the post-hook)
    inner join activities
        on stream_window.activity_id = activities.activity_id

    where stream_window.elapsed_s is not null and not activities.is_deleted

    window w as (partition by stream_window.activity_id order by stream_window.point_index)

),

intervals as (

    select
        activity_id,
        point_index,
        elapsed_s as started_s,
        distance_m as started_distance_m,
        next_elapsed_s - elapsed_s as interval_s,
        next_distance_m - distance_m as distance_m,
        next_altitude_m - altitude_m as climb_m,
        heart_rate_bpm,
        power_w,
        -- moving: both ends flagged moving (or no moving stream) and no gap over the pause limit,
        -- so a pause is cut out of the moving axis and never bridged by interpolation
        is_moving
        and is_next_moving
        and next_elapsed_s - elapsed_s <= {{ var('training_pause_gap_s', 10) }} as is_moving,
        streams_loaded_at

    from points

    where next_elapsed_s is not null

),

final as (

    select
        activity_id,
        point_index,
        started_s,
        started_distance_m,
        interval_s,
        distance_m,
        climb_m,
        heart_rate_bpm,
        power_w,
        is_moving,
        coalesce(
            sum(case when is_moving then interval_s else 0 end) over (
                partition by activity_id order by point_index
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as moving_started_s,
        streams_loaded_at

    from intervals

)

select * from final
