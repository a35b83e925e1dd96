import type { AssetDefinition } from '@voyager/orchestration';
import { rawTableAsset } from '../raw-table-asset.js';
import { OPEN_METEO_ACTIVITY_PLACES_TABLE, OPEN_METEO_HOURLY_WEATHER_TABLE } from './tables.js';

/** The upstream (extract) asset of the weather load assets. */
export interface WeatherLoadUpstream {
  /** `landing/open_meteo/activity_weather`. */
  readonly activityWeather: AssetDefinition;
}

/**
 * The weather load assets (group `weather`): `raw/open_meteo_hourly_weather` (one row per
 * place-day and UTC hour) and `raw/open_meteo_activity_places` (each activity's place-day).
 */
export function createWeatherLoadAssets(upstream: WeatherLoadUpstream): AssetDefinition[] {
  const deps = [upstream.activityWeather];
  return [
    rawTableAsset({
      table: OPEN_METEO_HOURLY_WEATHER_TABLE,
      group: 'weather',
      description:
        'One row per place-day and UTC hour of Open-Meteo historical weather (°C, %, mm, m/s, °, WMO code), upserted by place_key and hour_utc',
      deps,
    }),
    rawTableAsset({
      table: OPEN_METEO_ACTIVITY_PLACES_TABLE,
      group: 'weather',
      description:
        'One row per activity with a start position: the place-day whose hourly weather is its weather',
      deps,
    }),
  ];
}
