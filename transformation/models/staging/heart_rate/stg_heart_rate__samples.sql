-- One select, no CTEs: Postgres flattens such a view into the query that reads it (a view with a
-- WITH clause stays a separate subquery), so the hourly mart's conditions and grouping reach the
-- raw table and its indexes (issue 13).

select
    series_id,
    source,
    device,
    sampled_at,
    date_trunc('hour', sampled_at) as hour_started_at,
    bpm::numeric as heart_rate_bpm,
    -- the raw check's plausible range (load's samples_plausible): outside it is a sensor glitch
    bpm between 30 and 240 as is_plausible,
    _loaded_at as loaded_at

from {{ source('heart_rate', 'samples') }}
