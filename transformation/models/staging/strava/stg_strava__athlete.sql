with

source as (

    select * from {{ source('strava', 'athlete') }}

),

renamed as (

    select
        athlete_id,
        username,
        firstname as first_name,
        lastname as last_name,
        city,
        state,
        country,
        sex,
        coalesce(premium or summit, false) as is_subscriber,
        weight_kg::numeric as weight_kg,
        ftp_w::numeric as ftp_w,
        measurement_preference,
        created_at,
        updated_at,
        _loaded_at as loaded_at

    from source

)

select * from renamed
