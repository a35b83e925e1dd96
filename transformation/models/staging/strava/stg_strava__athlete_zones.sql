with

source as (

    select * from {{ source('strava', 'athlete_zones') }}

),

renamed as (

    select
        athlete_id,
        zone_type,
        zone_index,
        zone_type || '_' || zone_index::text as zone_name,
        min_value::numeric as lower_bound,
        -- Strava sends -1 as the upper bound of the open-ended top zone
        case when max_value < 0 then null else max_value::numeric end as upper_bound,
        coalesce(custom_zones, false) as is_custom,
        _loaded_at as loaded_at

    from source

)

select * from renamed
