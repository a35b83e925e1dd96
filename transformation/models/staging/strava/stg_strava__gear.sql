with

source as (

    select * from {{ source('strava', 'athlete') }}

),

gear as (

    -- DetailedAthlete lists the athlete's gear as SummaryGear objects under `shoes` and `bikes`
    select
        source.athlete_id,
        'shoes' as gear_type,
        item.value as gear,
        source._loaded_at

    from source

    cross join lateral jsonb_array_elements(coalesce(source.record -> 'shoes', cast('[]' as jsonb))) as item

    union all

    select
        source.athlete_id,
        'bike' as gear_type,
        item.value as gear,
        source._loaded_at

    from source

    cross join lateral jsonb_array_elements(coalesce(source.record -> 'bikes', cast('[]' as jsonb))) as item

),

renamed as (

    select
        ---------- ids
        gear ->> 'id' as gear_id,
        athlete_id,
        ---------- text
        gear_type,
        gear ->> 'name' as gear_name,
        nullif(gear ->> 'nickname', '') as gear_nickname,
        ---------- numerics (metres)
        cast(gear ->> 'distance' as numeric) as strava_distance_m,
        ---------- booleans
        coalesce(cast(gear ->> 'primary' as boolean), false) as is_primary,
        coalesce(cast(gear ->> 'retired' as boolean), false) as is_retired,
        ---------- timestamps
        _loaded_at as loaded_at

    from gear

)

select * from renamed
