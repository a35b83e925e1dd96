import { readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { WEATHER_DATASETS } from './constants.js';

/**
 * Manifest metadata of the weather batches, the asset's cursor: `place_keys` (the place-days a
 * batch of `open_meteo/hourly_weather` holds), `place_keys_without_hours` (the place-days
 * Open-Meteo answered with no hour, which the batch records so they count as fetched: it has no
 * rows of them), `activity_ids` (the activities a batch of `open_meteo/activity_places` links) and
 * `dates` (the UTC dates, `YYYY-MM-DD`, of any of them: the daily partitions the batch belongs
 * to, which the raw load steps read).
 */
export const WEATHER_BATCH_METADATA = {
  placeKeys: 'place_keys',
  placeKeysWithoutHours: 'place_keys_without_hours',
  activityIds: 'activity_ids',
  dates: 'dates',
} as const;

/** The cursor of `landing/open_meteo/activity_weather` before it was partitioned: one state value. */
export interface LegacyWeatherCursor {
  readonly places?: readonly string[];
  readonly activities?: readonly number[];
}

/** What the weather asset has already fetched and linked. */
export interface WeatherProgress {
  /**
   * Place-day keys (`lat,lng@YYYY-MM-DD`) whose hours are landed, or that were answered with none
   * (see {@link readPlaceDaysWithoutHours}): never requested again.
   */
  readonly places: Set<string>;
  /** Activity ids linked to a place-day. */
  readonly activities: Set<number>;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

/**
 * Reads what is fetched and linked from the committed weather batches' manifests (so steps of
 * several partitions running at once never lose each other's progress, as one state value
 * written last would), plus the single-value cursor of the unpartitioned asset (`legacy`, from
 * `ctx.state`), whose batches carry no such metadata. One listing and read per dataset.
 */
export async function readWeatherProgress(
  landing: ObjectStore,
  legacy: LegacyWeatherCursor | undefined,
): Promise<WeatherProgress> {
  const hourly = await hourlyBatchPlaceDays(landing);
  const places = new Set([...(legacy?.places ?? []), ...hourly.withHours, ...hourly.withoutHours]);
  const activities = new Set(legacy?.activities ?? []);
  for (const m of await readLandingManifests(landing, WEATHER_DATASETS.activityPlaces))
    for (const id of numbers(m.metadata[WEATHER_BATCH_METADATA.activityIds])) activities.add(id);
  return { places, activities };
}

/**
 * The place-days Open-Meteo answered with no hour, from the committed batches of
 * `open_meteo/hourly_weather` (`place_keys_without_hours`): they have no row in raw and never
 * will, so the catch-up hook counts their activities as having their weather. One listing and a
 * read per batch.
 */
export async function readPlaceDaysWithoutHours(landing: ObjectStore): Promise<Set<string>> {
  return (await hourlyBatchPlaceDays(landing)).withoutHours;
}

/** The place-days the committed `open_meteo/hourly_weather` batches name, with hours and without. */
async function hourlyBatchPlaceDays(
  landing: ObjectStore,
): Promise<{ withHours: Set<string>; withoutHours: Set<string> }> {
  const withHours = new Set<string>();
  const withoutHours = new Set<string>();
  for (const m of await readLandingManifests(landing, WEATHER_DATASETS.hourlyWeather)) {
    for (const key of strings(m.metadata[WEATHER_BATCH_METADATA.placeKeys])) withHours.add(key);
    for (const key of strings(m.metadata[WEATHER_BATCH_METADATA.placeKeysWithoutHours]))
      withoutHours.add(key);
  }
  return { withHours, withoutHours };
}
