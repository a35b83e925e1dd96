{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

{% set durations = [5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 5400, 7200] %}
{% set powers_of_ten = "'{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000}'" %}

-- Mean-maximal power and speed per activity and duration, over moving time only: pauses are cut
-- out of the moving axis (fct_activity_stream_intervals) and never bridged. A window starts at a
-- stream point and takes the whole intervals starting within `duration` moving seconds of it;
-- it counts only when they add up to at least the duration (at 1 Hz exactly the duration).
-- Incremental by activity.
--
-- How (issue 13: the full build within a few scans, not a moving frame per duration): running
-- totals along the moving axis (seconds, seconds with power, energy, metres) in one sort, one row
-- per whole second of the axis, gathered per activity in bigint arrays (energy and metres times
-- 10 ^ their decimals, so exact); a window starting at second s of duration d holds the
-- intervals starting in s .. s + d - 1, so its sums are the totals at second s + d - 1 minus
-- those before s: two array reads per duration. The best window of exactly d seconds is the
-- largest integer sum, divided once; a longer one (an interval crossing the window's end) is
-- divided as before. Same rows as the frames. An activity off whole seconds (sub-second
-- times) or with totals past bigint keeps the frames (`framed_windows`).

with

{{ training_stream_window(ref('fct_activity_stream_intervals')) }},

moving as (

    select
        activity_id,
        moving_started_s,
        interval_s,
        coalesce(distance_m, 0) as distance_m,
        power_w * interval_s as energy_j,
        case when power_w is not null then interval_s else 0 end as power_s

    from stream_window

    where is_moving and interval_s > 0

),

running as (

    -- totals up to and including the intervals starting on this interval's second (its peers):
    -- seconds, seconds with power, energy (J), metres; per activity the decimals of energy and
    -- metres and their absolute sums, to carry the totals as exact integers (bigint)
    select
        activity_id,
        moving_started_s,
        interval_s,
        power_s,
        energy_j,
        distance_m,
        lead(moving_started_s) over axis as next_started_s,
        sum(interval_s) over axis as seconds_to,
        sum(power_s) over axis as power_seconds_to,
        sum(coalesce(energy_j, 0)) over axis as energy_to,
        sum(distance_m) over axis as metres_to,
        coalesce(max(scale(energy_j)) over activity, 0) as energy_scale,
        max(scale(distance_m)) over activity as metres_scale,
        -- the fast path's conditions: whole seconds, and totals that fit bigint at <= 9 decimals
        bool_and(moving_started_s = trunc(moving_started_s)) over activity
        and coalesce(max(scale(energy_j)) over activity, 0) <= 9
        and coalesce(sum(abs(energy_j)) over activity, 0) < 1e9
        and max(scale(distance_m)) over activity <= 9
        and sum(abs(distance_m)) over activity < 1e9
        and sum(interval_s) over activity < 1e9 as is_on_whole_seconds

    from moving

    window
        axis as (partition by activity_id order by moving_started_s),
        activity as (partition by activity_id)

),

axis_seconds as (

    -- one row per whole second of the moving axis, with the totals up to it as integers (energy
    -- and metres times 10 ^ their decimals): the last interval of a second (its peers give an
    -- empty series) spans the seconds to the next interval's start
    select
        running.activity_id,
        running.energy_scale,
        running.metres_scale,
        array[
            running.seconds_to::bigint,
            running.power_seconds_to::bigint,
            (running.energy_to * ({{ powers_of_ten }}::bigint[])[running.energy_scale + 1])::bigint,
            (running.metres_to * ({{ powers_of_ten }}::bigint[])[running.metres_scale + 1])::bigint
        ] as totals_to,
        axis_second.second_s,
        axis_second.second_s = running.moving_started_s as is_window_start

    from running

    cross join
        lateral generate_series(
            running.moving_started_s,
            coalesce(running.next_started_s - 1, running.moving_started_s)
        ) as axis_second (second_s)

    where running.is_on_whole_seconds

),

axis_arrays as (

    -- per activity: the totals at each second of the axis, first to last (bigint arrays: an
    -- element is read in constant time)
    select
        activity_id,
        energy_scale,
        metres_scale,
        bool_or(totals_to[2] > 0) as has_power,
        count(*) as second_count,
        array_agg(is_window_start order by second_s) as is_window_start,
        array_agg(totals_to[1] order by second_s) as seconds_to,
        array_agg(totals_to[2] order by second_s) as power_seconds_to,
        array_agg(totals_to[3] order by second_s) as energy_to,
        array_agg(totals_to[4] order by second_s) as metres_to

    from axis_seconds

    group by activity_id, energy_scale, metres_scale

),

windows as (

    -- per start second (position i): per duration the totals at its last second (past the end of
    -- the axis: the activity's) minus those before it
    select
        {% for d in durations %}
            coalesce(
                axis_arrays.seconds_to[axis_second.i + {{ d - 1 }}], axis_arrays.seconds_to[axis_arrays.second_count]
            )
            - coalesce(axis_arrays.seconds_to[axis_second.i - 1], 0) as seconds_{{ d }},
            case
                when axis_arrays.has_power
                    then
                        coalesce(
                            axis_arrays.power_seconds_to[axis_second.i + {{ d - 1 }}],
                            axis_arrays.power_seconds_to[axis_arrays.second_count]
                        )
                        - coalesce(axis_arrays.power_seconds_to[axis_second.i - 1], 0)
                else 0
            end as power_seconds_{{ d }},
            case
                when axis_arrays.has_power
                    then
                        coalesce(
                            axis_arrays.energy_to[axis_second.i + {{ d - 1 }}],
                            axis_arrays.energy_to[axis_arrays.second_count]
                        )
                        - coalesce(axis_arrays.energy_to[axis_second.i - 1], 0)
            end as energy_{{ d }},
            coalesce(
                axis_arrays.metres_to[axis_second.i + {{ d - 1 }}], axis_arrays.metres_to[axis_arrays.second_count]
            )
            - coalesce(axis_arrays.metres_to[axis_second.i - 1], 0) as metres_{{ d }},
        {% endfor %}
        axis_arrays.activity_id,
        axis_arrays.energy_scale,
        axis_arrays.metres_scale

    from axis_arrays

    cross join lateral unnest(axis_arrays.is_window_start) with ordinality as axis_second (is_start, i)

    where axis_second.is_start

),

best as (

    -- the best window per activity and duration (no speed: no window reaches the duration): the
    -- windows of exactly the duration by their largest integer sum, divided once; the longer
    -- ones (a recording interval crossing the window's end) each divided
    select
        {% for d in durations %}
            max(case when seconds_{{ d }} = {{ d }} and power_seconds_{{ d }} >= {{ d }} then energy_{{ d }} end)
                as energy_{{ d }},
            max(
                case
                    when seconds_{{ d }} > {{ d }} and power_seconds_{{ d }} >= {{ d }}
                        then
                            trim_scale(energy_{{ d }}::numeric / ({{ powers_of_ten }}::bigint[])[energy_scale + 1])
                            / seconds_{{ d }}
                end
            ) as longer_power_{{ d }},
            max(case when seconds_{{ d }} = {{ d }} then metres_{{ d }} end) as metres_{{ d }},
            max(
                case
                    when seconds_{{ d }} > {{ d }}
                        then
                            trim_scale(metres_{{ d }}::numeric / ({{ powers_of_ten }}::bigint[])[metres_scale + 1])
                            / seconds_{{ d }}
                end
            ) as longer_speed_{{ d }},
        {% endfor %}
        activity_id,
        energy_scale,
        metres_scale

    from windows

    group by activity_id, energy_scale, metres_scale

),

framed_windows as (

    select
        {% for d in durations %}
            sum(interval_s) over (
                partition by activity_id order by moving_started_s
                range between current row and {{ d - 0.001 }} following
            ) as seconds_{{ d }},
            sum(power_s) over (
                partition by activity_id order by moving_started_s
                range between current row and {{ d - 0.001 }} following
            ) as power_seconds_{{ d }},
            sum(energy_j) over (
                partition by activity_id order by moving_started_s
                range between current row and {{ d - 0.001 }} following
            ) as energy_{{ d }},
            sum(distance_m) over (
                partition by activity_id order by moving_started_s
                range between current row and {{ d - 0.001 }} following
            ) as metres_{{ d }},
        {% endfor %}
        activity_id

    from running

    -- activities with sub-second times (or sums too large for bigint)
    where not is_on_whole_seconds

),

unpivoted as (

    {% for d in durations %}
        select
            activity_id,
            {{ d }} as duration_s,
            greatest(
                trim_scale(energy_{{ d }}::numeric / ({{ powers_of_ten }}::bigint[])[energy_scale + 1]) / {{ d }},
                longer_power_{{ d }}
            ) as best_power_w,
            greatest(
                trim_scale(metres_{{ d }}::numeric / ({{ powers_of_ten }}::bigint[])[metres_scale + 1]) / {{ d }},
                longer_speed_{{ d }}
            ) as best_speed_m_per_s

        from best

        where metres_{{ d }} is not null or longer_speed_{{ d }} is not null

        union all

        select
            activity_id,
            {{ d }} as duration_s,
            max(
                case
                    when power_seconds_{{ d }} >= {{ d }}
                        then energy_{{ d }} / seconds_{{ d }}
                end
            ) as best_power_w,
            max(metres_{{ d }} / seconds_{{ d }}) as best_speed_m_per_s

        from framed_windows

        where seconds_{{ d }} >= {{ d }}

        group by activity_id

        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

final as (

    select
        unpivoted.activity_id,
        unpivoted.duration_s,
        round(unpivoted.best_power_w, 3) as best_power_w,
        round(unpivoted.best_speed_m_per_s, 4) as best_speed_m_per_s,
        changed_activities.streams_loaded_at

    from unpivoted

    inner join changed_activities
        on unpivoted.activity_id = changed_activities.activity_id

)

select * from final
