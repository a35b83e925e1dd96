import { daily, type AssetDefinition, type StoredLandingManifest } from '@voyager/orchestration';
import { rawTableAsset } from '../raw-table-asset.js';
import { OPEN_METEO_ACTIVITY_PLACES_TABLE, OPEN_METEO_HOURLY_WEATHER_TABLE } from './tables.js';

/**
 * First daily partition (UTC) of the weather assets; extract's `landing/open_meteo/activity_weather`
 * uses the same (`WEATHER_PARTITIONS_START`), so a catch-up of the landing flows to the raw tables.
 */
export const WEATHER_PARTITIONS_START = '2000-01-01';

/** Most days one weather load step loads (as extract's `WEATHER_DAYS_PER_STEP`). */
export const WEATHER_DAYS_PER_STEP = 366;

/** Manifest metadata of a weather landing batch: the UTC dates (`YYYY-MM-DD`) it holds. */
export const WEATHER_BATCH_DATES = 'dates';

/** The upstream (extract) asset of the weather load assets. */
export interface WeatherLoadUpstream {
  /** `landing/open_meteo/activity_weather`. */
  readonly activityWeather: AssetDefinition;
}

/**
 * True when `manifest` belongs to none of the step's days: its `dates` metadata (written by the
 * partitioned landing asset) misses every key. A batch without `dates` (landed before the weather
 * was partitioned) belongs to every day; the load ledger loads it once.
 */
export function outsideDays(manifest: StoredLandingManifest, keys: readonly string[]): boolean {
  const dates = manifest.metadata[WEATHER_BATCH_DATES];
  if (!Array.isArray(dates)) return false;
  const wanted = new Set(keys);
  return !dates.some((d) => typeof d === 'string' && wanted.has(d));
}

/**
 * The weather load assets (group `weather`), daily partitioned like their landing asset (UTC date
 * of an activity's start, up to {@link WEATHER_DAYS_PER_STEP} days a step): each step loads the
 * new landing batches of its days (a batch's `dates`), upserting by the table's key, so a re-run
 * never duplicates: `raw/open_meteo_hourly_weather` (one row per place-day and UTC hour) and
 * `raw/open_meteo_activity_places` (each activity's place-day). A step without a partition loads
 * every new batch.
 */
export function createWeatherLoadAssets(upstream: WeatherLoadUpstream): AssetDefinition[] {
  const common = {
    group: 'weather',
    deps: [upstream.activityWeather],
    partitions: daily({ start: WEATHER_PARTITIONS_START }),
    backfillPolicy: { maxPartitionsPerStep: WEATHER_DAYS_PER_STEP },
    outsidePartitions: outsideDays,
  };
  return [
    rawTableAsset({
      ...common,
      table: OPEN_METEO_HOURLY_WEATHER_TABLE,
      description:
        'One row per place-day and UTC hour of Open-Meteo historical weather (°C, %, mm, m/s, °, WMO code), upserted by place_key and hour_utc; daily partitions by activity date',
    }),
    rawTableAsset({
      ...common,
      table: OPEN_METEO_ACTIVITY_PLACES_TABLE,
      description:
        'One row per activity with a start position: the place-day whose hourly weather is its weather; daily partitions by activity date',
    }),
  ];
}
