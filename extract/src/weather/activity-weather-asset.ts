import {
  asset,
  LandingBatchWriter,
  type AssetDefinition,
  type MaterializeResult,
} from '@voyager/orchestration';
import { addDays, placeDays, type PositionedActivity } from './activity-places.js';
import { OpenMeteoClient, OpenMeteoRateLimitError } from './client.js';
import { WEATHER_DATASETS } from './constants.js';
import { hourlyRows } from './hourly-rows.js';
import { openMeteoSettings } from './weather-environment.js';

/** The asset's cursor: the place-days fetched, and the activities already linked to one. */
interface WeatherCursor {
  readonly places: string[];
  readonly activities: number[];
}

const ACTIVITIES_SQL = `
  select activity_id, start_date, coalesce(elapsed_time_s, 0) as elapsed_time_s,
         (record->'start_latlng'->>0)::float8 as latitude, (record->'start_latlng'->>1)::float8 as longitude
  from raw.strava_activities
  where deleted_at is null
    and jsonb_typeof(record->'start_latlng') = 'array' and jsonb_array_length(record->'start_latlng') = 2
  order by start_date`;

/**
 * `landing/open_meteo/activity_weather` (group `weather`): the hourly weather at the start of
 * every activity with a start position (raw.strava_activities: API, export and device files),
 * from Open-Meteo's historical API: one request per place (0.1° cell) and UTC day, covering the
 * day before and after so every zone and any activity up to a day long fits. Lands the hours in
 * `open_meteo/hourly_weather` and each activity's place-day in `open_meteo/activity_places`.
 * The cursor keeps the place-days fetched, so a re-run never requests one twice; a run sends at
 * most `OPEN_METEO_MAX_REQUESTS_PER_RUN`; a 429 stops it with what it fetched landed and saved.
 */
export function createActivityWeatherAsset(upstream: {
  readonly activities: AssetDefinition;
}): AssetDefinition {
  return asset({
    key: 'landing/open_meteo/activity_weather',
    description:
      'Hourly weather (temperature, humidity, dew point, precipitation, cloud, wind, weather code) at the start of every activity with a position, from the Open-Meteo historical API; each place and day requested once',
    image: 'extract',
    group: 'weather',
    deps: [upstream.activities],
    retry: { maxAttempts: 2, backoffSeconds: 5 },
    async materialize(ctx): Promise<MaterializeResult> {
      const settings = openMeteoSettings(ctx.env);
      const client = new OpenMeteoClient({
        baseUrl: settings.url,
        maxPerMinute: settings.maxRequestsPerMinute,
        signal: ctx.signal,
      });
      const cursor = (await ctx.state.get<WeatherCursor>()) ?? { places: [], activities: [] };
      const done = new Set(cursor.places);
      const linked = new Set(cursor.activities);
      const { rows } = await ctx.warehouse.query<Record<string, unknown>>(ACTIVITIES_SQL);
      const activities: PositionedActivity[] = rows.map((r) => ({
        activity_id: Number(r.activity_id),
        started_at: new Date(r.start_date as string).toISOString(),
        elapsed_time_s: Number(r.elapsed_time_s),
        latitude: Number(r.latitude),
        longitude: Number(r.longitude),
      }));
      const groups = placeDays(activities.filter((a) => !linked.has(a.activity_id)));
      const hours = new LandingBatchWriter(ctx.landing, {
        dataset: WEATHER_DATASETS.hourlyWeather,
        runId: ctx.runId,
      });
      const links = new LandingBatchWriter(ctx.landing, {
        dataset: WEATHER_DATASETS.activityPlaces,
        runId: ctx.runId,
      });
      let requests = 0;
      let stopped: string | undefined;
      const linkRecords: unknown[] = [];
      for (const group of groups) {
        if (!done.has(group.key)) {
          if (requests >= settings.maxRequestsPerRun) {
            stopped = `OPEN_METEO_MAX_REQUESTS_PER_RUN (${settings.maxRequestsPerRun}) reached`;
            break;
          }
          try {
            requests++;
            const response = await client.archive({
              latitude: group.latitude,
              longitude: group.longitude,
              startDate: addDays(group.date, -1),
              endDate: addDays(group.date, 1),
              timezone: 'auto',
            });
            await hours.writePart(
              hourlyRows(response).map((h) => ({
                ...h,
                hour_local: `${h.hour_local}:00`,
                place_key: group.key,
                request_latitude: group.latitude,
                request_longitude: group.longitude,
              })),
            );
            done.add(group.key);
          } catch (error) {
            if (!(error instanceof OpenMeteoRateLimitError)) throw error;
            stopped = error.message;
            break;
          }
        }
        for (const id of group.activityIds) {
          linkRecords.push({ activity_id: id, place_key: group.key });
          linked.add(id);
        }
      }
      if (hours.recordCount > 0) await hours.commit({ requests, source: settings.url });
      if (linkRecords.length > 0) {
        await links.writePart(linkRecords);
        await links.commit({ activities: linkRecords.length });
      }
      const next: WeatherCursor = { places: [...done], activities: [...linked] };
      await ctx.state.set(next);
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
          ...(stopped ? { stopped } : {}),
        },
      };
    },
  });
}
