import { daily, type MissingPartitionsContext, type PartitionsDefinition } from '@voyager/orchestration';
import { readPlaceDaysWithoutHours } from './weather-cursor.js';

/**
 * First daily partition of the weather assets (UTC). Open-Meteo's archive goes back to 1940; an
 * activity that started earlier than this date gets no weather (the catch-up logs how many).
 */
export const WEATHER_PARTITIONS_START = '2000-01-01';

/**
 * The daily partitions (UTC date of an activity's start) of `landing/open_meteo/activity_weather`
 * and of the raw weather tables: the same definition, so a catch-up flows from landing to raw.
 */
export const weatherPartitions: PartitionsDefinition = daily({ start: WEATHER_PARTITIONS_START });

/**
 * Most days one weather step fetches or loads (the `backfillPolicy` of the weather assets): a
 * catch-up of years of history is a few steps, each one query and one landing batch.
 */
export const WEATHER_DAYS_PER_STEP = 366;

/** The positioned activities of raw.strava_activities (API, export and device files), as SQL. */
export const POSITIONED = `deleted_at is null
    and jsonb_typeof(record->'start_latlng') = 'array' and jsonb_array_length(record->'start_latlng') = 2`;

/**
 * The `missingPartitions` hook of the weather assets: the UTC dates of positioned activities
 * (raw.strava_activities) without weather in raw, i.e. not linked in
 * raw.open_meteo_activity_places, or linked to a place-day with no hour in
 * raw.open_meteo_hourly_weather (landed but not loaded) unless Open-Meteo answered that place-day
 * with no hour (the landed batches say so, see `readPlaceDaysWithoutHours`: asking again would
 * bring nothing), and every day between the first and the last of them: days without such
 * activities cost nothing (no activity, no request) and keep the keys consecutive, so the backfill
 * policy makes years of history a few 366-day steps (an athlete active every other day would
 * otherwise be a step per day). Only complete days (before today, UTC) from
 * {@link WEATHER_PARTITIONS_START}; before the first load of activities, none. Two queries, plus
 * the hourly batches' manifests when a linked activity has no hour in raw.
 */
export async function missingWeatherDays(ctx: MissingPartitionsContext): Promise<string[]> {
  const { rows: exists } = await ctx.warehouse.query<{ a: boolean; p: boolean; h: boolean }>(
    `select to_regclass('raw.strava_activities') is not null as a,
            to_regclass('raw.open_meteo_activity_places') is not null as p,
            to_regclass('raw.open_meteo_hourly_weather') is not null as h`,
  );
  const tables = exists[0];
  if (!tables?.a) return [];
  // the day of each activity without weather in raw and the place-day it is linked to (null: none)
  const linkedPlace = tables.p
    ? '(select p.place_key from raw.open_meteo_activity_places as p where p.activity_id = a.activity_id)'
    : 'null::text';
  const noHours = tables.h
    ? 'not exists (select 1 from raw.open_meteo_hourly_weather as h where h.place_key = m.place_key)'
    : 'true';
  const { rows } = await ctx.warehouse.query<{ day: string; place_key: string | null; n: number }>(
    `select m.day, m.place_key, count(*)::int as n
       from (select to_char(a.start_date at time zone 'UTC', 'YYYY-MM-DD') as day, ${linkedPlace} as place_key
               from raw.strava_activities as a
              where ${POSITIONED}) as m
      where m.place_key is null or ${noHours}
      group by 1, 2 order by 1`,
  );
  const withoutHours = rows.some((r) => r.place_key !== null)
    ? await readPlaceDaysWithoutHours(ctx.landing)
    : new Set<string>();
  const missing = rows.filter((r) => r.place_key === null || !withoutHours.has(r.place_key));
  const early = missing.filter((r) => r.day < WEATHER_PARTITIONS_START);
  if (early.length > 0)
    ctx.log.warn(
      { activities: early.reduce((n, r) => n + r.n, 0) },
      `activities before ${WEATHER_PARTITIONS_START} get no weather (outside the weather partitions)`,
    );
  const today = ctx.now.toISOString().slice(0, 10);
  const days = missing.map((r) => r.day).filter((d) => d >= WEATHER_PARTITIONS_START && d < today);
  return everyDay(days[0], days.at(-1));
}

/** Every `YYYY-MM-DD` from `first` to `last`, both included; none when either is undefined. */
export function everyDay(first: string | undefined, last: string | undefined): string[] {
  if (first === undefined || last === undefined) return [];
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
