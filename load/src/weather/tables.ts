import type { RawTable } from '../raw-table.js';

/** Landing datasets of extract's `landing/open_meteo/activity_weather`. */
export const OPEN_METEO_DATASETS = Object.freeze({
  hourlyWeather: 'open_meteo/hourly_weather',
  activityPlaces: 'open_meteo/activity_places',
});

const VARIABLES = [
  ['temperature_2m', 'temperature_c'],
  ['apparent_temperature', 'apparent_temperature_c'],
  ['relative_humidity_2m', 'relative_humidity_pct'],
  ['dew_point_2m', 'dew_point_c'],
  ['precipitation', 'precipitation_mm'],
  ['cloud_cover', 'cloud_cover_pct'],
  ['wind_speed_10m', 'wind_speed_m_per_s'],
  ['wind_gusts_10m', 'wind_gusts_m_per_s'],
  ['wind_direction_10m', 'wind_direction_deg'],
] as const;

/**
 * `raw.open_meteo_hourly_weather`: one row per place-day key and UTC hour, upserted by
 * (`place_key`, `hour_utc`) so a re-landed hour never duplicates; the values in the units the
 * request stated (°C, %, mm, m/s, °; WMO weather code), the units as the API gave them in `units`.
 */
export const OPEN_METEO_HOURLY_WEATHER_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'open_meteo_hourly_weather',
  dataset: OPEN_METEO_DATASETS.hourlyWeather,
  columns: [
    { name: 'place_key', type: 'text', required: true },
    { name: 'hour_utc', type: 'timestamptz', required: true },
    { name: 'hour_local', type: 'timestamp' },
    { name: 'timezone', type: 'text' },
    { name: 'utc_offset_s', type: 'integer' },
    { name: 'request_latitude', type: 'double precision' },
    { name: 'request_longitude', type: 'double precision' },
    { name: 'grid_latitude', type: 'double precision' },
    { name: 'grid_longitude', type: 'double precision' },
    { name: 'elevation_m', type: 'double precision' },
    ...VARIABLES.map(([from, name]) => ({ name, type: 'double precision' as const, from: `values.${from}` })),
    { name: 'weather_code', type: 'integer', from: 'values.weather_code' },
    { name: 'units', type: 'jsonb' },
  ],
  key: ['place_key', 'hour_utc'],
  knownFields: new Set([
    'place_key',
    'hour_utc',
    'hour_local',
    'timezone',
    'utc_offset_s',
    'request_latitude',
    'request_longitude',
    'grid_latitude',
    'grid_longitude',
    'elevation_m',
    'values',
    'units',
  ]),
});

/** `raw.open_meteo_activity_places`: one row per activity, the place-day whose hours are its weather; upserted by `activity_id`. */
export const OPEN_METEO_ACTIVITY_PLACES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'open_meteo_activity_places',
  dataset: OPEN_METEO_DATASETS.activityPlaces,
  columns: [
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'place_key', type: 'text', required: true },
  ],
  key: ['activity_id'],
  knownFields: new Set(['activity_id', 'place_key']),
});
