with

source as (

    select * from {{ source('strava', 'laps') }}

),

renamed as (

    select
        ---------- ids
        lap_id,
        activity_id,
        lap_index,

        ---------- text
        name as lap_name,

        ---------- numerics (metres, seconds, metres per second, bpm)
        distance_m::numeric as distance_m,
        moving_time_s,
        elapsed_time_s,
        total_elevation_gain_m::numeric as total_elevation_gain_m,
        average_speed_m_per_s::numeric as average_speed_m_per_s,
        max_speed_m_per_s::numeric as max_speed_m_per_s,
        average_cadence_rpm::numeric as average_cadence_rpm,
        average_watts::numeric as average_power_w,
        average_heartrate_bpm::numeric as average_heartrate_bpm,
        max_heartrate_bpm::numeric as max_heartrate_bpm,
        start_index as start_point_index,
        end_index as end_point_index,

        ---------- timestamps
        start_date as started_at,
        start_date_local as started_at_local,
        _loaded_at as loaded_at

    from source

)

select * from renamed
