/**
 * Open-Meteo's historical weather (archive) endpoint: ERA5 reanalysis from 1940, about five days
 * behind today. https://open-meteo.com/en/docs/historical-weather-api
 */
export const OPEN_METEO_ARCHIVE_URL = 'https://archive-api.open-meteo.com/v1/archive';

/**
 * The hourly variables requested, by their Open-Meteo names
 * (https://open-meteo.com/en/docs/historical-weather-api, "Hourly Weather Variables"). Ten, the
 * most one call may ask for without counting as more than one (https://open-meteo.com/en/terms).
 */
export const HOURLY_VARIABLES = [
  'temperature_2m',
  'apparent_temperature',
  'relative_humidity_2m',
  'dew_point_2m',
  'precipitation',
  'cloud_cover',
  'wind_speed_10m',
  'wind_gusts_10m',
  'wind_direction_10m',
  'weather_code',
] as const;

/** One of {@link HOURLY_VARIABLES}. */
export type HourlyVariable = (typeof HOURLY_VARIABLES)[number];

/** Units stated in every request (and kept in every landed row): °C, m/s, mm. */
export const REQUEST_UNITS = {
  temperature_unit: 'celsius',
  wind_speed_unit: 'ms',
  precipitation_unit: 'mm',
} as const;

/**
 * Free-tier limits of the non-commercial API: 600 calls per minute, 5,000 per hour, 10,000 per
 * day (https://open-meteo.com/en/terms; a 429 `"Daily API request limit exceeded"` past them, as
 * reported in https://github.com/open-meteo/open-meteo/issues/438).
 */
export const FREE_TIER_LIMITS = { perMinute: 600, perHour: 5_000, perDay: 10_000 } as const;

/** Places of a day within this many degrees (about 11 km) share one request. */
export const PLACE_GRID_DEGREES = 0.1;

/** Landing datasets of the weather asset. */
export const WEATHER_DATASETS = {
  /** One record per hour of a place-day: the place key, the UTC and local hour, values and units. */
  hourlyWeather: 'open_meteo/hourly_weather',
  /** One record per activity: the place-day whose weather is its weather. */
  activityPlaces: 'open_meteo/activity_places',
} as const;
