with

source as (

    select * from {{ source('strava', 'export_activities') }}

),

renamed as (

    select
        activity_id,
        name as activity_name,
        activity_type,
        nullif(description, '') as activity_description,
        moving_time_s::numeric as moving_time_s,
        elevation_gain_m::numeric as elevation_gain_m,
        average_heartrate_bpm::numeric as average_heartrate_bpm,
        calories_kcal::numeric as calories_kcal,
        coalesce(commute, false) as is_commute,
        gear as gear_name,
        filename as activity_file,
        export_file,
        export_vintage,
        start_date as started_at,
        _loaded_at as loaded_at

    from source

)

select * from renamed
