with

source as (

    select * from {{ source('heart_rate', 'samples') }}

),

renamed as (

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

    from source

)

select * from renamed
