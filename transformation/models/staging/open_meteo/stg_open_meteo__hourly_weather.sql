with

source as (

    select * from {{ source('open_meteo', 'hourly_weather') }}

),

renamed as (

    select
        place_key,
        hour_utc as hour_at,
        -- the wall-clock hour by the zone's own rules (summer time, half-hour offsets); the API's
        -- label applies one offset to its whole response, which is an hour off past a DST change
        (hour_utc at time zone timezone) as hour_at_local,
        hour_local as api_hour_label,
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
        -- WMO weather interpretation codes in words, as Open-Meteo lists them
        -- (https://open-meteo.com/en/docs, "WMO Weather interpretation codes")
        case
            when weather_code = 0 then 'clear'
            when weather_code in (1, 2) then 'partly cloudy'
            when weather_code = 3 then 'overcast'
            when weather_code in (45, 48) then 'fog'
            when weather_code between 51 and 57 then 'drizzle'
            when weather_code between 61 and 67 then 'rain'
            when weather_code between 71 and 77 then 'snow'
            when weather_code between 80 and 82 then 'rain showers'
            when weather_code in (85, 86) then 'snow showers'
            when weather_code >= 95 then 'thunderstorm'
        end as weather_conditions,
        _loaded_at as loaded_at

    from source

)

select * from renamed
