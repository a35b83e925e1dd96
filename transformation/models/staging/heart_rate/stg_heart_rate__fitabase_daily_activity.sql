with

source as (

    select * from {{ source('heart_rate', 'fitabase_daily_activity') }}

),

renamed as (

    select
        person_id || '-' || to_char(day, 'YYYY-MM-DD') as person_day_id,
        person_id,
        day::date as activity_date,
        total_steps::int as total_steps,
        total_distance_km,
        tracker_distance_km,
        logged_activities_distance_km,
        very_active_distance_km,
        moderately_active_distance_km,
        light_active_distance_km,
        sedentary_active_distance_km,
        very_active_min::int as very_active_min,
        fairly_active_min::int as fairly_active_min,
        lightly_active_min::int as lightly_active_min,
        sedentary_min::int as sedentary_min,
        calories_kcal::int as calories_kcal,
        source_file,
        _loaded_at as loaded_at

    from source

)

select * from renamed
