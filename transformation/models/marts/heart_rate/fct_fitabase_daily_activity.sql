with

source as (

    select * from {{ ref('stg_heart_rate__fitabase_daily_activity') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

final as (

    select
        source.person_day_id,
        source.person_id,
        source.activity_date,
        source.total_steps,
        source.total_distance_km,
        source.tracker_distance_km,
        source.logged_activities_distance_km,
        source.very_active_distance_km,
        source.moderately_active_distance_km,
        source.light_active_distance_km,
        source.sedentary_active_distance_km,
        source.very_active_min,
        source.fairly_active_min,
        source.lightly_active_min,
        source.sedentary_min,
        source.calories_kcal,
        source.source_file,
        source.loaded_at,
        dates.iso_week_start_date,
        dates.is_weekend

    from source

    left join dates
        on source.activity_date = dates.date_day

)

select * from final
