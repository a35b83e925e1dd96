{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

{% set durations = [5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 5400, 7200] %}

-- Mean-maximal power and speed per activity and duration, over moving time only: pauses are cut
-- out of the moving axis (fct_activity_stream_intervals) and never bridged. A window starts at a
-- stream point and takes the whole intervals starting within `duration` moving seconds of it;
-- it counts only when they add up to at least the duration (at 1 Hz exactly the duration).
-- Incremental by activity.

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

windows as (

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

    from moving

),

unpivoted as (

    {% for d in durations %}
        select
            activity_id,
            {{ d }} as duration_s,
            seconds_{{ d }} as window_s,
            power_seconds_{{ d }} as power_window_s,
            energy_{{ d }} as energy_j,
            metres_{{ d }} as distance_m

        from windows

        where seconds_{{ d }} >= {{ d }}

        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

final as (

    select
        unpivoted.activity_id,
        unpivoted.duration_s,
        round(
            max(
                case
                    when unpivoted.power_window_s >= unpivoted.duration_s
                        then unpivoted.energy_j / unpivoted.window_s
                end
            ),
            3
        ) as best_power_w,
        round(max(unpivoted.distance_m / unpivoted.window_s), 4) as best_speed_m_per_s,
        changed_activities.streams_loaded_at

    from unpivoted

    inner join changed_activities
        on unpivoted.activity_id = changed_activities.activity_id

    group by unpivoted.activity_id, unpivoted.duration_s, changed_activities.streams_loaded_at

)

select * from final
