import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { openLoadTarget } from '../open-load-target.js';
import type { RawTable } from '../raw-table.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { OPEN_METEO_ACTIVITY_PLACES_TABLE, OPEN_METEO_HOURLY_WEATHER_TABLE } from './tables.js';

/** The upstream (extract) asset of the weather load assets. */
export interface WeatherLoadUpstream {
  /** `landing/open_meteo/activity_weather`. */
  readonly activityWeather: AssetDefinition;
}

function weatherAsset(table: RawTable, description: string, deps: AssetDefinition[]): AssetDefinition {
  return asset({
    key: `raw/${table.table}`,
    group: 'weather',
    description,
    image: 'load',
    deps,
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), table) };
    },
  });
}

/**
 * The weather load assets (group `weather`): `raw/open_meteo_hourly_weather` (one row per
 * place-day and UTC hour) and `raw/open_meteo_activity_places` (each activity's place-day).
 */
export function createWeatherLoadAssets(upstream: WeatherLoadUpstream): AssetDefinition[] {
  const deps = [upstream.activityWeather];
  return [
    weatherAsset(
      OPEN_METEO_HOURLY_WEATHER_TABLE,
      'One row per place-day and UTC hour of Open-Meteo historical weather (°C, %, mm, m/s, °, WMO code), upserted by place_key and hour_utc',
      deps,
    ),
    weatherAsset(
      OPEN_METEO_ACTIVITY_PLACES_TABLE,
      'One row per activity with a start position: the place-day whose hourly weather is its weather',
      deps,
    ),
  ];
}
