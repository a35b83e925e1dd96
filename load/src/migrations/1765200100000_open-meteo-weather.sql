-- Up Migration

-- One row per place-day and UTC hour of Open-Meteo's historical weather (units as requested).
create table raw.open_meteo_hourly_weather (
  place_key                text not null,
  hour_utc                 timestamptz not null,
  hour_local               timestamp,
  timezone                 text,
  utc_offset_s             integer,
  request_latitude         double precision,
  request_longitude        double precision,
  grid_latitude            double precision,
  grid_longitude           double precision,
  elevation_m              double precision,
  temperature_c            double precision,
  apparent_temperature_c   double precision,
  relative_humidity_pct    double precision,
  dew_point_c              double precision,
  precipitation_mm         double precision,
  cloud_cover_pct          double precision,
  wind_speed_m_per_s       double precision,
  wind_gusts_m_per_s       double precision,
  wind_direction_deg       double precision,
  weather_code             integer,
  units                    jsonb,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null,
  primary key (place_key, hour_utc)
);

-- One row per activity: the place-day whose hourly weather is its weather.
create table raw.open_meteo_activity_places (
  activity_id              bigint primary key,
  place_key                text not null,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- Down Migration

drop table raw.open_meteo_activity_places;
drop table raw.open_meteo_hourly_weather;
