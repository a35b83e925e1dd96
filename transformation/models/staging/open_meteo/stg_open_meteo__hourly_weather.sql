with

source as (

    select * from {{ source('open_meteo', 'hourly_weather') }}

),

renamed as (

    select
        place_key,
        hour_utc as hour_at,
        hour_local as hour_at_local,
        timezone,
        utc_offset_s,
        grid_latitude,
        grid_longitude,
        elevation_m,
        temperature_c::numeric as temperature_c,
        apparent_temperature_c::numeric as apparent_temperature_c,
        relative_humidity_pct::numeric as relative_humidity_pct,
        dew_point_c::numeric as dew_point_c,
        precipitation_mm::numeric as precipitation_mm,
        cloud_cover_pct::numeric as cloud_cover_pct,
        wind_speed_m_per_s::numeric as wind_speed_m_per_s,
        wind_gusts_m_per_s::numeric as wind_gusts_m_per_s,
        wind_direction_deg::numeric as wind_direction_deg,
        weather_code,
        _loaded_at as loaded_at

    from source

)

select * from renamed
