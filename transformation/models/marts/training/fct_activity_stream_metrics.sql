{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"
    )
}}

-- Per activity, what its stream says: moving time, the 30-s weighted power (Coggan's normalized
-- power) and the grade-adjusted distance (Minetti et al. 2002). Incremental by activity.

with

{{ training_stream_window(ref('fct_activity_stream_intervals')) }},

moving as (

    select *

    from stream_window

    where is_moving and interval_s > 0

),

rolling_power as (

    -- the 30-s rolling mean power over moving time, kept where 30 s of moving time stand behind it
    select
        activity_id,
        interval_s,
        sum(power_w * interval_s) over w / nullif(sum(interval_s) over w, 0) as rolling_power_w,
        sum(interval_s) over w as window_s

    from moving

    where power_w is not null

    window w as (
        partition by activity_id order by moving_started_s
        range between 29.999 preceding and current row
    )

),

weighted_power as (

    select
        activity_id,
        power(sum(power(rolling_power_w, 4) * interval_s) / sum(interval_s), 0.25) as weighted_average_power_w

    from rolling_power

    where window_s >= 30

    group by activity_id

),

graded as (

    -- Minetti et al. 2002 energy cost of running C(i) in J/(kg m), i the gradient as a fraction
    -- (valid -0.45..0.45, clamped); flat ground costs C(0) = 3.6
    select
        activity_id,
        interval_s,
        distance_m,
        power_w,
        heart_rate_bpm,
        case when distance_m > 0 then least(greatest(climb_m / distance_m, -0.45), 0.45) end as gradient

    from moving

),

summary as (

    select
        activity_id,
        sum(interval_s) as moving_time_s,
        sum(distance_m) as moving_distance_m,
        sum(
            case
                when gradient is null then distance_m
                else distance_m * (
                    155.4 * power(gradient, 5) - 30.4 * power(gradient, 4) - 43.3 * power(gradient, 3)
                    + 46.3 * power(gradient, 2) + 19.5 * gradient + 3.6
                ) / 3.6
            end
        ) as grade_adjusted_distance_m,
        sum(power_w * interval_s)
        / nullif(sum(case when power_w is not null then interval_s end), 0) as average_power_w,
        sum(heart_rate_bpm * interval_s)
        / nullif(sum(case when heart_rate_bpm is not null then interval_s end), 0) as average_heart_rate_bpm,
        max(heart_rate_bpm) as max_heart_rate_bpm

    from graded

    group by activity_id

),

final as (

    select
        changed_activities.activity_id,
        coalesce(summary.moving_time_s, 0) as moving_time_s,
        coalesce(summary.moving_distance_m, 0) as moving_distance_m,
        summary.grade_adjusted_distance_m,
        round(
            summary.moving_time_s / nullif(summary.grade_adjusted_distance_m / 1000, 0), 1
        ) as grade_adjusted_pace_s_per_km,
        summary.average_power_w,
        weighted_power.weighted_average_power_w,
        summary.average_heart_rate_bpm,
        summary.max_heart_rate_bpm,
        changed_activities.streams_loaded_at

    from changed_activities

    left join summary
        on changed_activities.activity_id = summary.activity_id

    left join weighted_power
        on changed_activities.activity_id = weighted_power.activity_id

)

select * from final
