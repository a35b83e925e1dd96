import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LandingBatchWriter, loadDbtAssets, type AssetDefinition } from '@voyager/orchestration';
import { modelsFor } from './dbt-selection.js';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createActivityWeatherAsset, stravaActivities, stravaExtractAssets } from '@voyager/extract';
import { startOpenMeteoSimulator, type OpenMeteoSimulator } from '@voyager/extract/testing';
import { createStravaLoadAssets, createWeatherLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// The weather of every activity (issue 15, third part) on a real Postgres and the Open-Meteo
// simulator over real HTTP: one request per place and day, nothing requested twice, and a
// 429 (the free tier's daily limit) stops the run with what it fetched landed and the cursor saved.
let runtime: TestRuntime;
let sim: OpenMeteoSimulator;
const rawStrava = createStravaLoadAssets({
  activities: stravaActivities,
  activityStreams: stravaExtractAssets.activityStreams,
});
const [rawActivities] = rawStrava;
const rawStreams = rawStrava.find((a) => a.key === 'raw/strava_activity_streams')!;
const weatherAsset = createActivityWeatherAsset({ activities: rawActivities! });
const [rawHourly, rawPlaces] = createWeatherLoadAssets({ activityWeather: weatherAsset });
let batch = 0;

async function landActivities(records: Record<string, unknown>[]) {
  const writer = new LandingBatchWriter(runtime.landing, {
    dataset: 'strava/activities',
    runId: `api-${++batch}`,
  });
  await writer.writePart(records);
  await writer.commit({});
  const outcome = await runAssetOnce(runtime, rawActivities!);
  expect(outcome.status, outcome.error).toBe('success');
}
async function run(asset: AssetDefinition) {
  const outcome = await runAssetOnce(runtime, asset);
  expect(outcome.status, outcome.error).toBe('success');
  return outcome.metadata;
}
const activity = (id: number, start: string, latlng: [number, number] | null, elapsedS = 1800) => ({
  id,
  name: `activity ${id}`,
  type: 'Run',
  sport_type: 'Run',
  start_date: start,
  distance: 5000,
  moving_time: elapsedS,
  elapsed_time: elapsedS,
  start_latlng: latlng,
});

/**
 * Activity 2's route (17:30 to 20:00 UTC, a point a minute): due north for 50 minutes, due east
 * for 50, then due west for 50, so its heading is 0°, 90° and 270° (to within 0.01°).
 */
function route(): { time: number[]; latlng: [number, number][]; heading: number[] } {
  const time: number[] = [];
  const latlng: [number, number][] = [];
  const leg = (t: number, from: number) => Math.min(Math.max(t - from, 0), 3000) / 60;
  for (let t = 0; t <= 9000; t += 60) {
    time.push(t);
    latlng.push([52.53 + leg(t, 0) * 0.0005, 13.43 + (leg(t, 3000) - leg(t, 6000)) * 0.0008]);
  }
  return { time, latlng, heading: time.slice(0, -1).map((t) => (t < 3000 ? 0 : t < 6000 ? 90 : 270)) };
}

beforeAll(async () => {
  sim = await startOpenMeteoSimulator({ dailyLimit: 3 });
  runtime = await createTestRuntime({
    env: { OPEN_METEO_URL: sim.archiveUrl, VOYAGER_DBT_RUNNER: 'builtin' },
  });
});
afterAll(async () => {
  await runtime?.close();
  await sim?.close();
});

describe('landing/open_meteo/activity_weather', () => {
  it('requests each place and day once for the activities with a position, and loads their hours', async () => {
    await landActivities([
      activity(1, '2024-06-01T06:00:00Z', [52.52, 13.41]),
      activity(2, '2024-06-01T17:30:00Z', [52.53, 13.43], 9000), // same cell (0.1°), same day: no second request; 17:30-20:00
      activity(3, '2024-06-02T06:00:00Z', [52.52, 13.41]),
      activity(4, '2024-06-02T07:00:00Z', null), // an indoor run: no position, no weather
    ]);
    expect(await run(weatherAsset)).toMatchObject({
      requests: 2,
      places: 2,
      activities_linked: 3,
      activities_with_position: 3,
    });
    expect(sim.requests()).toBe(2);
    expect(await run(rawHourly!)).toMatchObject({ rows: 2 * 72, rejected_rows: 0 }); // the day before, of and after
    expect(await run(rawPlaces!)).toMatchObject({ rows: 3, rejected_rows: 0 });
    const { rows } = await runtime.warehouse.query<{
      place_key: string;
      n: string;
      tz: string;
      unit: string;
    }>(
      "select place_key, count(*) as n, min(timezone) as tz, min(units->>'wind_speed_10m') as unit from raw.open_meteo_hourly_weather group by 1 order by 1",
    );
    expect(rows).toEqual([
      { place_key: '52.5,13.4@2024-06-01', n: '72', tz: 'Europe/Berlin', unit: 'm/s' },
      { place_key: '52.5,13.4@2024-06-02', n: '72', tz: 'Europe/Berlin', unit: 'm/s' },
    ]);
  });

  it('a second run requests nothing; a new activity of a fetched place-day is linked without a request', async () => {
    expect(await run(weatherAsset)).toMatchObject({ requests: 0, activities_linked: 0 });
    await landActivities([activity(5, '2024-06-01T12:00:00Z', [52.49, 13.39])]);
    expect(await run(weatherAsset)).toMatchObject({ requests: 0, activities_linked: 1 });
    expect(sim.requests()).toBe(2);
  });

  it('stops at the daily limit (429) with one clear line, keeping what it fetched and its cursor', async () => {
    await landActivities([
      activity(6, '2024-07-01T06:00:00Z', [48.1, 11.6]),
      activity(7, '2024-07-02T06:00:00Z', [48.1, 11.6]),
    ]);
    const outcome = await runAssetOnce(runtime, weatherAsset);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(
      /Open-Meteo rate limit reached: Daily API request limit exceeded\. Please try again tomorrow\./,
    );
    expect(sim.requests()).toBe(4); // the third request succeeded, the fourth got 429
    expect(await run(rawPlaces!)).toMatchObject({ rows: 2 }); // 5 (the previous run) and 6; 7 waits for the next run
    const { rows } = await runtime.warehouse.query<{ ids: string }>(
      "select string_agg(activity_id::text, ',' order by activity_id) as ids from raw.open_meteo_activity_places",
    );
    expect(rows).toEqual([{ ids: '1,2,3,5,6' }]);
  });
});

describe('marts.fct_activity_weather', () => {
  it('gives each activity with weather its start hour and its extremes, in UTC with the local hour labelled; fct_activities its start temperature and conditions', async () => {
    const dbt = await loadDbtAssets({
      projectDir: transformationDir,
      upstream: [...rawStrava, rawHourly!, rawPlaces!], // no activity-file inbox in this graph
    });
    const models = modelsFor(dbt.assets, ['marts/fct_activities', 'marts/fct_activity_weather']);
    await run(rawHourly!);
    const { time, latlng } = route();
    const streams = new LandingBatchWriter(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 's-1',
    });
    await streams.writePart([
      { activity_id: 2, streams: { time: { data: time }, latlng: { data: latlng } } },
    ]);
    await streams.commit({});
    await run(rawStreams);
    for (const asset of models) {
      const outcome = await runAssetOnce(runtime, asset);
      expect(outcome.status, `${asset.key}: ${outcome.error}`).toBe('success');
      expect(
        outcome.checks.filter((c) => c.status !== 'success').map((c) => c.name),
        asset.key,
      ).toEqual([]);
    }
    const { rows } = await runtime.warehouse.query<Record<string, unknown>>(
      `select w.activity_id::int as id, w.timezone, w.start_hour_local::text as local_hour, w.hours_covered::int as hours,
              w.start_temperature_c = h.temperature_c as start_matches_hour
       from marts.fct_activity_weather as w
       join raw.open_meteo_hourly_weather as h on h.place_key = w.place_key and h.hour_utc = date_trunc('hour', w.started_at at time zone 'UTC') at time zone 'UTC'
       order by 1`,
    );
    expect(rows).toEqual([
      {
        id: 1,
        timezone: 'Europe/Berlin',
        local_hour: '2024-06-01 08:00:00',
        hours: 1,
        start_matches_hour: true,
      },
      {
        id: 2,
        timezone: 'Europe/Berlin',
        local_hour: '2024-06-01 19:00:00',
        hours: 3,
        start_matches_hour: true,
      },
      {
        id: 3,
        timezone: 'Europe/Berlin',
        local_hour: '2024-06-02 08:00:00',
        hours: 1,
        start_matches_hour: true,
      },
      {
        id: 5,
        timezone: 'Europe/Berlin',
        local_hour: '2024-06-01 14:00:00',
        hours: 1,
        start_matches_hour: true,
      },
      {
        id: 6,
        timezone: 'Europe/Berlin',
        local_hour: '2024-07-01 08:00:00',
        hours: 1,
        start_matches_hour: true,
      },
    ]);
    // activity 2 (17:30 to 20:00 UTC) covers the hours of 17, 18 and 19 UTC, and no other
    const [extremes] = (
      await runtime.warehouse.query<Record<string, unknown>>(
        `with h as (select * from raw.open_meteo_hourly_weather
                    where place_key = '52.5,13.4@2024-06-01'
                      and hour_utc in ('2024-06-01T17:00:00Z', '2024-06-01T18:00:00Z', '2024-06-01T19:00:00Z'))
         select w.temperature_min_c = (select min(temperature_c) from h) as min_ok,
                w.temperature_max_c = (select max(temperature_c) from h) as max_ok,
                w.temperature_mean_c = round((select avg(temperature_c::numeric) from h), 1) as mean_ok,
                w.precipitation_total_mm = (select sum(precipitation_mm::numeric) from h) as rain_ok,
                w.wind_gusts_max_m_per_s = (select max(wind_gusts_m_per_s) from h) as gusts_ok,
                w.temperature_min_c < w.temperature_max_c as varies
         from marts.fct_activity_weather as w where w.activity_id = 2`,
      )
    ).rows;
    // fct_activities (built here without the inbox source) gains the start's temperature and conditions
    const { rows: activities } = await runtime.warehouse.query<Record<string, unknown>>(
      `select a.activity_id::int as id, a.start_temperature_c is not null as has_temperature,
              a.start_temperature_c = w.start_temperature_c as same_temperature,
              a.start_weather_conditions = w.start_conditions as same_conditions
       from marts.fct_activities as a left join marts.fct_activity_weather as w using (activity_id)
       order by 1`,
    );
    const withWeather = { has_temperature: true, same_temperature: true, same_conditions: true };
    const without = { has_temperature: false, same_temperature: null, same_conditions: null };
    expect(activities).toEqual([
      { id: 1, ...withWeather },
      { id: 2, ...withWeather },
      { id: 3, ...withWeather },
      { id: 4, ...without }, // no position
      { id: 5, ...withWeather },
      { id: 6, ...withWeather },
      { id: 7, ...without }, // its place-day waits for the next run (429)
    ]);
    expect(extremes).toEqual({
      min_ok: true,
      max_ok: true,
      mean_ok: true,
      rain_ok: true,
      gusts_ok: true,
      varies: true,
    });
  });

  it('splits the route into head-, cross- and tailwind seconds by the wind of each hour, relative to the heading', async () => {
    const { rows: hours } = await runtime.warehouse.query<{ hour: number; from_deg: number; speed: number }>(
      `select extract(hour from hour_utc)::int as hour, wind_direction_deg::float8 as from_deg,
              wind_speed_m_per_s::float8 as speed
       from raw.open_meteo_hourly_weather
       where place_key = '52.5,13.4@2024-06-01' and hour_utc >= '2024-06-01T17:00:00Z' and hour_utc < '2024-06-01T20:00:00Z'`,
    );
    expect(hours.map((h) => h.hour).sort()).toEqual([17, 18, 19]);
    // expected, segment by segment: the wind of the hour the segment starts in, from where it blows
    // relative to where the athlete heads (0° = straight into the face)
    const seconds = { head: 0, cross: 0, tail: 0 };
    let along = 0;
    let across = 0;
    const { time, heading } = route();
    heading.forEach((h, i) => {
      const hour = hours.find((x) => x.hour === 17 + Math.floor((1800 + time[i]!) / 3600))!;
      const relative = ((((hour.from_deg - h + 540) % 360) + 360) % 360) - 180;
      const kind = Math.abs(relative) <= 45 ? 'head' : Math.abs(relative) >= 135 ? 'tail' : 'cross';
      seconds[kind] += 60;
      along += hour.speed * Math.cos((relative * Math.PI) / 180) * 60;
      across += hour.speed * Math.abs(Math.sin((relative * Math.PI) / 180)) * 60;
    });
    const { rows } = await runtime.warehouse.query<Record<string, number | null>>(
      `select activity_id::int as id, route_s::int as route_s, headwind_s::int as head, crosswind_s::int as cross,
              tailwind_s::int as tail, headwind_mean_m_per_s::float8 as along, crosswind_mean_m_per_s::float8 as across
       from marts.fct_activity_weather order by 1`,
    );
    const none = { route_s: null, head: null, cross: null, tail: null, along: null, across: null };
    expect(rows.filter((r) => r.id !== 2)).toEqual(
      [1, 3, 5, 6].map((id) => ({ id, ...none })), // no route: no wind relative to it
    );
    const two = rows.find((r) => r.id === 2)!;
    expect(two).toMatchObject({ route_s: 9000, ...seconds });
    expect(Object.values(seconds).every((n) => n > 0)).toBe(true); // the route has each kind
    expect(seconds.head + seconds.cross + seconds.tail).toBe(9000);
    expect(two.along).toBeCloseTo(along / 9000, 2);
    expect(two.across).toBeCloseTo(across / 9000, 2);
  });
});
