/** The Open-Meteo weather source's raw tables and load assets. */
export { createWeatherLoadAssets, type WeatherLoadUpstream } from './assets.js';
export {
  OPEN_METEO_ACTIVITY_PLACES_TABLE,
  OPEN_METEO_HOURLY_WEATHER_TABLE,
  OPEN_METEO_DATASETS,
} from './tables.js';
