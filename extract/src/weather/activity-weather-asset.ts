import {
  asset,
  LandingBatchWriter,
  type AssetDefinition,
  type MaterializeResult,
} from '@voyager/orchestration';
import { addDays, placeDays, type PositionedActivity } from './activity-places.js';
import { OpenMeteoClient, OpenMeteoRateLimitError, RequestPacer } from './client.js';
import { WEATHER_DATASETS } from './constants.js';
import { hourlyRows } from './hourly-rows.js';
import { openMeteoSettings } from './weather-environment.js';
import { readWeatherProgress, WEATHER_BATCH_METADATA, type LegacyWeatherCursor } from './weather-cursor.js';
import {
  missingWeatherDays,
  POSITIONED,
  WEATHER_DAYS_PER_STEP,
  weatherPartitions,
} from './weather-partitions.js';

const activitiesSql = (window: boolean) => `
  select activity_id, start_date, coalesce(elapsed_time_s, 0) as elapsed_time_s,
         (record->'start_latlng'->>0)::float8 as latitude, (record->'start_latlng'->>1)::float8 as longitude
  from raw.strava_activities
  where ${POSITIONED}
    ${window ? 'and start_date >= $1 and start_date < $2' : ''}
  order by start_date`;

/** Pacers by endpoint and rate: the steps of this asset running at once in one process share one. */
const pacers = new Map<string, RequestPacer>();
/**
 * Requests sent by the run (`ctx.runScope`) in this process: the steps of one run share
 * `OPEN_METEO_MAX_REQUESTS_PER_RUN`; an entry goes with its run.
 */
const sentByRun = new WeakMap<object, { sent: number }>();

/**
 * `landing/open_meteo/activity_weather` (group `weather`), daily partitioned by the UTC date of
 * an activity's start: the hourly weather at the start of every activity with a start position
 * (raw.strava_activities: API, export and device files) of the step's days, from Open-Meteo's
 * historical API: one request per place (0.1° cell) and UTC day, covering the day before and
 * after so every zone and any activity up to a day long fits. Lands the hours in
 * `open_meteo/hourly_weather` and each activity's place-day in `open_meteo/activity_places`,
 * one batch each per step, their manifests naming the place-days, activities and dates (the
 * cursor, see `weather-cursor.ts`): a re-run of a day never requests a place-day twice nor
 * re-links an activity. A place-day answered with no hours is logged in one line and named in the
 * batch's `place_keys_without_hours` (the batch is committed for it even with no row): it counts
 * as fetched, and its activities as having their weather for the catch-up. A run sends at most
 * `OPEN_METEO_MAX_REQUESTS_PER_RUN` (shared by its steps in one process), requests are paced to
 * the free tier's rate, 5xx retried with backoff;
 * a 429 stops the step with what it fetched landed (cursor saved) and fails it with the reason.
 *
 * A run without `--partition` catches up every complete day with positioned activities without
 * weather in raw (`missingWeatherDays`), up to {@link WEATHER_DAYS_PER_STEP} days a step. A step
 * without a partition (a test's single materialization) takes every day.
 */
export function createActivityWeatherAsset(upstream: {
  readonly activities: AssetDefinition;
}): AssetDefinition {
  return asset({
    key: 'landing/open_meteo/activity_weather',
    description:
      'Hourly weather (temperature, humidity, dew point, precipitation, cloud, wind, weather code) at the start of every activity with a position, from the Open-Meteo historical API, daily partitions by the UTC date of the start; each place and day requested once',
    image: 'extract',
    group: 'weather',
    deps: [upstream.activities],
    partitions: weatherPartitions,
    missingPartitions: missingWeatherDays,
    backfillPolicy: { maxPartitionsPerStep: WEATHER_DAYS_PER_STEP },
    retry: { maxAttempts: 2, backoffSeconds: 5 },
    async materialize(ctx): Promise<MaterializeResult> {
      const settings = openMeteoSettings(ctx.env);
      const pacing = `${settings.url}|${settings.maxRequestsPerMinute}`;
      let pacer = pacers.get(pacing);
      if (!pacer) pacers.set(pacing, (pacer = new RequestPacer(settings.maxRequestsPerMinute)));
      const client = new OpenMeteoClient({ baseUrl: settings.url, pacer, signal: ctx.signal });
      const progress = await readWeatherProgress(ctx.landing, await ctx.state.get<LegacyWeatherCursor>());
      const window = ctx.partition?.window;
      const { rows } = await ctx.warehouse.query<Record<string, unknown>>(
        activitiesSql(window !== undefined),
        window ? [window.start, window.end] : [],
      );
      const activities: PositionedActivity[] = rows.map((r) => ({
        activity_id: Number(r.activity_id),
        started_at: new Date(r.start_date as string).toISOString(),
        elapsed_time_s: Number(r.elapsed_time_s),
        latitude: Number(r.latitude),
        longitude: Number(r.longitude),
      }));
      const groups = placeDays(activities.filter((a) => !progress.activities.has(a.activity_id)));
      // a batch per step and attempt: steps of one run (and a retry) never share a prefix
      const batchRunId = `${ctx.runId}-${ctx.partition?.key ?? 'all'}-a${ctx.attempt}`;
      const hours = new LandingBatchWriter(ctx.landing, {
        dataset: WEATHER_DATASETS.hourlyWeather,
        runId: batchRunId,
      });
      const links = new LandingBatchWriter(ctx.landing, {
        dataset: WEATHER_DATASETS.activityPlaces,
        runId: batchRunId,
      });
      const budget = sentByRun.get(ctx.runScope) ?? { sent: 0 };
      sentByRun.set(ctx.runScope, budget);
      let requests = 0;
      let stopped: string | undefined;
      const fetched: string[] = [];
      const withoutHours: string[] = [];
      const linkRecords: { activity_id: number; place_key: string }[] = [];
      const linkDates = new Set<string>();
      for (const group of groups) {
        if (!progress.places.has(group.key)) {
          if (budget.sent >= settings.maxRequestsPerRun) {
            stopped = `OPEN_METEO_MAX_REQUESTS_PER_RUN (${settings.maxRequestsPerRun}) reached`;
            break;
          }
          try {
            requests++;
            budget.sent++;
            const response = await client.archive({
              latitude: group.latitude,
              longitude: group.longitude,
              startDate: addDays(group.date, -1),
              endDate: addDays(group.date, 1),
              timezone: 'auto',
            });
            const rows = hourlyRows(response);
            await hours.writePart(
              rows.map((h) => ({
                ...h,
                hour_local: `${h.hour_local}:00`,
                place_key: group.key,
                request_latitude: group.latitude,
                request_longitude: group.longitude,
              })),
            );
            progress.places.add(group.key);
            if (rows.length > 0) fetched.push(group.key);
            else {
              withoutHours.push(group.key);
              ctx.log.info(`Open-Meteo answered place-day ${group.key} with no hours: not asked again`);
            }
          } catch (error) {
            if (!(error instanceof OpenMeteoRateLimitError)) throw error;
            stopped = error.message;
            break;
          }
        }
        for (const id of group.activityIds) linkRecords.push({ activity_id: id, place_key: group.key });
        linkDates.add(group.date);
      }
      const dates = (keys: Iterable<string>) => [...new Set(keys)].sort();
      // a batch also for place-days answered with no hours (none of its rows): it is their cursor
      if (fetched.length + withoutHours.length > 0)
        await hours.commit({
          requests,
          source: settings.url,
          [WEATHER_BATCH_METADATA.placeKeys]: fetched,
          ...(withoutHours.length > 0
            ? { [WEATHER_BATCH_METADATA.placeKeysWithoutHours]: withoutHours }
            : {}),
          [WEATHER_BATCH_METADATA.dates]: dates(
            [...fetched, ...withoutHours].map((k) => k.slice(k.indexOf('@') + 1)),
          ),
        });
      if (linkRecords.length > 0) {
        await links.writePart(linkRecords);
        await links.commit({
          activities: linkRecords.length,
          [WEATHER_BATCH_METADATA.activityIds]: linkRecords.map((r) => r.activity_id),
          [WEATHER_BATCH_METADATA.dates]: dates(linkDates),
        });
      }
      if (stopped) {
        ctx.log.warn({ requests }, `weather stopped early: ${stopped}; the next run goes on from here`);
        if (stopped.startsWith('Open-Meteo rate limit'))
          throw new OpenMeteoRateLimitError(`${stopped} (cursor saved after ${requests} requests)`);
      }
      return {
        metadata: {
          requests: client.requests,
          places: requests,
          activities_linked: linkRecords.length,
          activities_with_position: activities.length,
          ...(withoutHours.length > 0 ? { places_without_hours: withoutHours.length } : {}),
          ...(stopped ? { stopped } : {}),
        },
      };
    },
  });
}
