with

source as (

    select * from {{ source('strava', 'activity_streams') }}

),

renamed as (

    select
        ---------- ids
        activity_id,
        point_index,

        ---------- numerics (seconds, metres, metres per second, bpm, watts, degrees Celsius)
        time_s::numeric as elapsed_s,
        distance_m::numeric as distance_m,
        altitude_m::numeric as altitude_m,
        velocity_smooth_m_per_s::numeric as speed_m_per_s,
        heartrate_bpm::numeric as heart_rate_bpm,
        cadence_rpm::numeric as cadence_rpm,
        watts::numeric as power_w,
        temp_c::numeric as temperature_c,
        grade_smooth_pct::numeric as grade_pct,
        lat as latitude_deg,
        lng as longitude_deg,

        ---------- booleans
        moving as is_moving,
        coalesce(synthetic, false) as is_synthetic,

        ---------- text
        stream_source,

        ---------- timestamps
        _loaded_at as loaded_at

    from source

)

select * from renamed
