/** The Open-Meteo weather source: what the code location needs. */
export { createActivityWeatherAsset } from './activity-weather-asset.js';
export { WEATHER_DATASETS } from './constants.js';
export { OpenMeteoEnvironment } from './weather-environment.js';
