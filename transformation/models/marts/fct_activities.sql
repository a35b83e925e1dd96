with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

final as (

    select
        activity_id,
        athlete_id,
        gear_id,
        activity_name,
        sport_type,
        activity_type,
        workout_type,
        record_source,
        started_at,
        started_at_local,
        cast(started_at_local as date) as activity_date,
        timezone,
        distance_m,
        round(distance_m / 1000.0, 3) as distance_km,
        moving_time_s,
        elapsed_time_s,
        total_elevation_gain_m,
        average_speed_m_per_s,
        max_speed_m_per_s,
        case
            when distance_m > 0 then round(moving_time_s / (distance_m / 1000.0), 1)
        end as pace_s_per_km,
        average_heartrate_bpm,
        max_heartrate_bpm,
        average_cadence_rpm,
        average_power_w,
        energy_kj,
        suffer_score,
        pr_count,
        has_heartrate,
        is_trainer,
        is_commute,
        is_manual,
        is_deleted

    from activities

)

select * from final
