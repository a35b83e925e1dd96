-- One select, no CTEs: Postgres does not flatten a view holding a WITH clause into the query that
-- reads it (is_simple_subquery refuses a cteList), so the marts' window over (activity_id,
-- point_index) could not use the raw key's index and sorted every point instead (issue 13).
-- Flattened, the key's order reaches the window functions and conditions on activity_id or
-- loaded_at reach the raw indexes.

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

from {{ source('strava', 'activity_streams') }}
