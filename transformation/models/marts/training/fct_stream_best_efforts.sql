{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

-- Best efforts from the streams, for every run and ride with a distance stream (file imports
-- included, not only what Strava reports): the shortest elapsed time between two stream points
-- at least the distance apart. No interpolation: an effort covers the distance or a little more,
-- timed between recorded points (Strava interpolates, so its times can be a second shorter).
-- Run distances and names as Strava's best efforts; rides 5 to 100 km. Incremental by activity.

{% set run_efforts = [
    ['400m', 400], ['1/2 mile', 805], ['1K', 1000], ['1 mile', 1609], ['2 mile', 3219], ['5K', 5000],
    ['10K', 10000], ['15K', 15000], ['10 mile', 16093], ['20K', 20000], ['Half-Marathon', 21097],
    ['30K', 30000], ['Marathon', 42195]
] %}
{% set ride_efforts = [
    ['5 km', 5000], ['10 km', 10000], ['20 km', 20000], ['30 km', 30000], ['40 km', 40000],
    ['50 km', 50000], ['80 km', 80000], ['100 km', 100000]
] %}

with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

{{ training_stream_window(ref('fct_activity_stream_intervals')) }},

activity_intervals as (

    select
        stream_window.activity_id,
        stream_window.point_index,
        stream_window.started_s,
        stream_window.interval_s,
        stream_window.started_distance_m,
        stream_window.distance_m,
        max(stream_window.point_index) over (partition by stream_window.activity_id) as last_point_index,
        case
            when activities.sport_type in ('Run', 'TrailRun', 'VirtualRun') then 'run'
            when activities.sport_type in ('Ride', 'VirtualRide', 'GravelRide', 'MountainBikeRide') then 'ride'
        end as effort_sport

    from stream_window

    inner join activities
        on stream_window.activity_id = activities.activity_id

),

points as (

    -- every recorded point with a distance: the start of each interval, and the end of the last
    select
        activity_id,
        effort_sport,
        started_s as elapsed_s,
        started_distance_m as distance_m

    from activity_intervals

    where started_distance_m is not null

    union all

    select
        activity_id,
        effort_sport,
        started_s + interval_s as elapsed_s,
        started_distance_m + distance_m as distance_m

    from activity_intervals

    where point_index = last_point_index and started_distance_m + distance_m is not null

),

run_windows as (

    -- per end point and distance: the latest start point at least the distance before it
    select
        {% for e in run_efforts %}
            max(elapsed_s) over (
                partition by activity_id order by distance_m
                range between unbounded preceding and {{ e[1] }} preceding
            ) as start_{{ loop.index }},
        {% endfor %}
        activity_id,
        elapsed_s

    from points

    where effort_sport = 'run'

),

ride_windows as (

    -- per end point and distance: the latest start point at least the distance before it
    select
        {% for e in ride_efforts %}
            max(elapsed_s) over (
                partition by activity_id order by distance_m
                range between unbounded preceding and {{ e[1] }} preceding
            ) as start_{{ loop.index }},
        {% endfor %}
        activity_id,
        elapsed_s

    from points

    where effort_sport = 'ride'

),

efforts as (

    {% for e in run_efforts %}
        select
            activity_id,
            '{{ e[0] }}' as effort_name,
            {{ e[1] }} as distance_m,
            elapsed_s - start_{{ loop.index }} as elapsed_time_s,
            start_{{ loop.index }} as started_s

        from run_windows

        where start_{{ loop.index }} is not null

        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

    union all

    {% for e in ride_efforts %}
        select
            activity_id,
            '{{ e[0] }}' as effort_name,
            {{ e[1] }} as distance_m,
            elapsed_s - start_{{ loop.index }} as elapsed_time_s,
            start_{{ loop.index }} as started_s

        from ride_windows

        where start_{{ loop.index }} is not null

        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

ranked as (

    select
        *,
        row_number() over (partition by activity_id, effort_name order by elapsed_time_s, started_s) as effort_rank

    from efforts

),

final as (

    select
        ranked.activity_id::text || '-' || ranked.effort_name as stream_effort_id,
        ranked.activity_id,
        ranked.effort_name,
        ranked.distance_m,
        ranked.elapsed_time_s,
        ranked.started_s as started_offset_s,
        changed_activities.streams_loaded_at

    from ranked

    inner join changed_activities
        on ranked.activity_id = changed_activities.activity_id

    where ranked.effort_rank = 1

)

select * from final
