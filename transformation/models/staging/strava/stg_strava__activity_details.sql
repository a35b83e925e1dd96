with

source as (

    select * from {{ source('strava', 'activity_details') }}

),

renamed as (

    select
        ---------- ids
        activity_id,
        athlete_id,
        nullif(gear_id, '') as gear_id,

        ---------- text
        name as activity_name,
        sport_type,
        nullif(description, '') as activity_description,
        device_name,
        gear_name,

        ---------- numerics (metres, seconds, kcal)
        distance_m::numeric as distance_m,
        moving_time_s,
        elapsed_time_s,
        calories_kcal::numeric as calories_kcal,
        perceived_exertion::numeric as perceived_exertion,
        lap_count,
        best_effort_count,

        ---------- timestamps
        start_date as started_at,
        _loaded_at as loaded_at

    from source

)

select * from renamed
