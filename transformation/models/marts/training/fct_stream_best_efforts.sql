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
--
-- How (issue 13: the full build within a few scans, not a frame per distance): per activity the
-- points' distances in order and the latest time up to each, as double precision arrays of exact
-- integers (times 10 ^ their decimals); per end point and distance, width_bucket finds by binary
-- search how many points lie at least the distance before it, and the array gives the latest
-- start; the shortest effort, then the earliest start, is one min() of (time, start) packed in
-- one exact number. Same rows as the frames (times without trailing zeros). An activity whose
-- values do not fit (over 9 decimals, 1,000 km, 2 ^ 26 scaled seconds, or negative) keeps the
-- frames (`framed_points`).

{% set run_efforts = [
    ['400m', 400], ['1/2 mile', 805], ['1K', 1000], ['1 mile', 1609], ['2 mile', 3219], ['5K', 5000],
    ['10K', 10000], ['15K', 15000], ['10 mile', 16093], ['20K', 20000], ['Half-Marathon', 21097],
    ['30K', 30000], ['Marathon', 42195]
] %}
{% set powers_of_ten = "'{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000}'" %}
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

scaled_points as (

    -- per activity the decimals of distance and time, and whether both fit exact integers in
    -- double precision (the fast path below): at most 9 decimals, distances under 1,000 km and
    -- times under 2 ^ 26 in the scaled unit, never negative
    select
        activity_id,
        effort_sport,
        elapsed_s,
        distance_m,
        max(scale(distance_m)) over activity as distance_scale,
        max(scale(elapsed_s)) over activity as elapsed_scale,
        max(scale(distance_m)) over activity <= 9
        and max(scale(elapsed_s)) over activity <= 9
        and min(distance_m) over activity >= 0
        and max(distance_m) over activity < 1e6
        and min(elapsed_s) over activity >= 0
        and max(elapsed_s) over activity
        * ({{ powers_of_ten }}::bigint[])[max(scale(elapsed_s)) over activity + 1] < 67108864 as is_scaled

    from points

    where effort_sport is not null

    window activity as (partition by activity_id)

),

distance_order as (

    -- the points as integers (times 10 ^ decimals), with the latest time of any point at most
    -- this far (a running max along the distance)
    select
        activity_id,
        effort_sport,
        distance_scale,
        elapsed_scale,
        (distance_m * ({{ powers_of_ten }}::bigint[])[distance_scale + 1])::bigint::float8 as distance_units,
        (elapsed_s * ({{ powers_of_ten }}::bigint[])[elapsed_scale + 1])::bigint::float8 as elapsed_units,
        max((elapsed_s * ({{ powers_of_ten }}::bigint[])[elapsed_scale + 1])::bigint::float8) over (
            partition by activity_id order by distance_m rows unbounded preceding
        ) as latest_elapsed_units

    from scaled_points

    where is_scaled

),

activity_arrays as (

    -- per activity the distances in order and the latest time up to each (double precision
    -- arrays of exact integers: width_bucket finds a distance by binary search)
    select
        activity_id,
        effort_sport,
        distance_scale,
        elapsed_scale,
        array_agg(distance_units order by distance_units, latest_elapsed_units) as distances,
        array_agg(latest_elapsed_units order by distance_units, latest_elapsed_units) as latest_elapsed,
        array_agg(elapsed_units order by distance_units, latest_elapsed_units) as elapsed

    from distance_order

    group by activity_id, effort_sport, distance_scale, elapsed_scale

),

{% for sport, sport_efforts in [['run', run_efforts], ['ride', ride_efforts]] %}
    {{ sport }}_starts as (

        -- per end point and distance: how many points lie at least the distance before it
        select
            {% for e in sport_efforts %}
                width_bucket(
                    end_point.distance_units
                    - {{ e[1] }} * ({{ powers_of_ten }}::bigint[])[activity_arrays.distance_scale + 1],
                    activity_arrays.distances
                ) as start_{{ loop.index }},
            {% endfor %}
            activity_arrays.activity_id,
            activity_arrays.elapsed_scale,
            activity_arrays.latest_elapsed,
            end_point.elapsed_units

        from activity_arrays

        cross join
            lateral unnest(activity_arrays.elapsed, activity_arrays.distances) as end_point (
                elapsed_units, distance_units
            )

        where activity_arrays.effort_sport = '{{ sport }}'

    ),

    {{ sport }}_best as (

        -- the shortest effort, then the earliest start: (time + 2 ^ 26) * 2 ^ 26 + start, exact
        select
            {% for e in sport_efforts %}
                min(
                    (elapsed_units - latest_elapsed[start_{{ loop.index }}] + 67108864) * 67108864
                    + latest_elapsed[start_{{ loop.index }}]
                )::bigint as effort_{{ loop.index }},
            {% endfor %}
            activity_id,
            elapsed_scale

        from {{ sport }}_starts

        group by activity_id, elapsed_scale

    ),

{% endfor %}

scaled_efforts as (

    {% for sport, sport_efforts in [['run', run_efforts], ['ride', ride_efforts]] %}
        {% for e in sport_efforts %}
            select
                activity_id,
                '{{ e[0] }}' as effort_name,
                {{ e[1] }} as distance_m,
                elapsed_scale,
                effort_{{ loop.index }} % 67108864 as started_units,
                effort_{{ loop.index }} / 67108864 - 67108864 + effort_{{ loop.index }} % 67108864 as ended_units

            from {{ sport }}_best

            where effort_{{ loop.index }} is not null

            union all
        {% endfor %}
    {% endfor %}

    select
        activity_id,
        effort_name,
        distance_m,
        0 as elapsed_scale,
        0 as started_units,
        0 as ended_units

    from (
        select
            null::bigint as activity_id,
            null::text as effort_name,
            null::integer as distance_m
    ) as no_effort

    where false

),

framed_points as (

    -- the activities off the fast path keep the frames below
    select
        activity_id,
        effort_sport,
        elapsed_s,
        distance_m

    from scaled_points

    where not is_scaled

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

    from framed_points

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

    from framed_points

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

scaled_ranked as (

    -- back to seconds: an exact division by 10 ^ decimals, trailing zeros dropped as the
    -- stream's own values have them
    select
        activity_id,
        effort_name,
        distance_m,
        trim_scale(ended_units::numeric / ({{ powers_of_ten }}::bigint[])[elapsed_scale + 1])
        - trim_scale(started_units::numeric / ({{ powers_of_ten }}::bigint[])[elapsed_scale + 1]) as elapsed_time_s,
        trim_scale(started_units::numeric / ({{ powers_of_ten }}::bigint[])[elapsed_scale + 1]) as started_s,
        1 as effort_rank

    from scaled_efforts

),

all_ranked as (

    select
        activity_id,
        effort_name,
        distance_m,
        elapsed_time_s,
        started_s,
        effort_rank

    from ranked

    union all

    select
        activity_id,
        effort_name,
        distance_m,
        elapsed_time_s,
        started_s,
        effort_rank

    from scaled_ranked

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

    from all_ranked as ranked

    inner join changed_activities
        on ranked.activity_id = changed_activities.activity_id

    where ranked.effort_rank = 1

)

select * from final
