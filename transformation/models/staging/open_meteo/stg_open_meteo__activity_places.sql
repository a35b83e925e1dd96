with

source as (

    select * from {{ source('open_meteo', 'activity_places') }}

),

renamed as (

    select
        activity_id,
        place_key,
        _loaded_at as loaded_at

    from source

)

select * from renamed
