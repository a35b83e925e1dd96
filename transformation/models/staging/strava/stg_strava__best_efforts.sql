with

source as (

    select * from {{ source('strava', 'best_efforts') }}

),

renamed as (

    select
        ---------- ids
        best_effort_id,
        activity_id,
        athlete_id,

        ---------- text
        name as effort_name,

        ---------- numerics (metres, seconds)
        distance_m::numeric as distance_m,
        elapsed_time_s,
        moving_time_s,
        pr_rank,

        ---------- timestamps
        start_date as started_at,
        start_date_local as started_at_local,
        _loaded_at as loaded_at

    from source

)

select * from renamed
