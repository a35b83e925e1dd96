import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LandingBatchWriter, loadDbtAssets, type AssetDefinition } from '@voyager/orchestration';
import { modelsFor } from './dbt-selection.js';
import {
  createTestRuntime,
  runAssetOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { createActivityWeatherAsset, stravaActivities, stravaExtractAssets } from '@voyager/extract';
import {
  ArchiveResponse,
  hourlyRows,
  startOpenMeteoSimulator,
  type OpenMeteoSimulator,
} from '@voyager/extract/testing';
import { createStravaLoadAssets, createWeatherLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// Time zones at mart level (issue 15): stored instants stay UTC, local times are labelled local
// columns by the zone's own rules. Open-Meteo applies ONE offset to a whole response (no DST
// change within it, open-meteo/open-meteo#1255), and half-hour zones put every hour at :30 UTC.
let runtime: TestRuntime;
let sim: OpenMeteoSimulator;
const rawStrava = createStravaLoadAssets({
  activities: stravaActivities,
  activityStreams: stravaExtractAssets.activityStreams,
});
const rawActivities = rawStrava.find((a) => a.key === 'raw/strava_activities')!;
const rawStreams = rawStrava.find((a) => a.key === 'raw/strava_activity_streams')!;
const weatherAsset = createActivityWeatherAsset({ activities: rawActivities });
const [rawHourly, rawPlaces] = createWeatherLoadAssets({ activityWeather: weatherAsset });
const BERLIN: [number, number] = [52.52, 13.41];
const ADELAIDE: [number, number] = [-34.76, 138.64];
const RECORDED = 'archive_adelaide_2025-01-10_vinea.json';

async function run(asset: AssetDefinition) {
  const outcome = await runAssetOnce(runtime, asset);
  expect(outcome.status, `${asset.key}: ${outcome.error}`).toBe('success');
  return outcome;
}
async function land(dataset: string, runId: string, records: unknown[]) {
  const writer = new LandingBatchWriter(runtime.landing, { dataset, runId });
  await writer.writePart(records);
  await writer.commit({});
}
const activity = (id: number, start: string, latlng: [number, number] | null, elapsedS: number) => ({
  id,
  name: `activity ${id}`,
  type: 'Ride',
  sport_type: 'Ride',
  start_date: start,
  distance: 20000,
  moving_time: elapsedS,
  elapsed_time: elapsedS,
  start_latlng: latlng,
});

let recorded: ArchiveResponse;
beforeAll(async () => {
  sim = await startOpenMeteoSimulator();
  runtime = await createTestRuntime({
    env: { OPEN_METEO_URL: sim.archiveUrl, VOYAGER_DBT_RUNNER: 'builtin' },
  });
  recorded = ArchiveResponse.parse(
    JSON.parse(await readFile(join(sharedData('open-meteo'), RECORDED), 'utf8')),
  );
  await land('strava/activities', 'a-1', [
    activity(10, '2024-03-31T00:30:00Z', BERLIN, 7200), // across the spring change at 01:00 UTC (02:00 CET -> 03:00 CEST)
    activity(11, '2024-03-31T10:00:00Z', BERLIN, 1800), // after it, same place-day: 12:00 CEST
    activity(12, '2024-10-27T00:30:00Z', BERLIN, 7200), // across the autumn change at 01:00 UTC (03:00 CEST -> 02:00 CET)
    activity(13, '2025-01-10T01:00:00Z', ADELAIDE, 3600), // Adelaide summer time, +10:30
    activity(14, '2025-01-10T03:00:00Z', null, 1800), // weather from the recorded Adelaide response, linked below
  ]);
  await run(rawActivities);
  await run(weatherAsset);
  // the recorded real response, landed as the asset lands one (its offset: +9:30, the one valid
  // when it was asked, while Adelaide was on summer time, +10:30, on the day it covers)
  await land(
    'open_meteo/hourly_weather',
    'recorded-1',
    hourlyRows(recorded).map((h) => ({ ...h, hour_local: `${h.hour_local}:00`, place_key: 'recorded' })),
  );
  await land('open_meteo/activity_places', 'recorded-1', [{ activity_id: 14, place_key: 'recorded' }]);
  await run(rawHourly!);
  await run(rawPlaces!);
  // activity 10's route: due north, a point a minute, for its 2 hours
  const time = Array.from({ length: 121 }, (_, i) => i * 60);
  await land('strava/activity_streams', 's-1', [
    {
      activity_id: 10,
      streams: { time: { data: time }, latlng: { data: time.map((t) => [52.52 + t * 1e-5, 13.41]) } },
    },
  ]);
  await run(rawStreams);
  // a calm hour (0.3 m/s) and one at exactly the threshold (0.5 m/s) on activity 10's route
  await runtime.warehouse.query(
    `update raw.open_meteo_hourly_weather set wind_speed_m_per_s = case hour_utc when '2024-03-31T01:00Z' then 0.3 else 0.5 end
     where place_key = '52.5,13.4@2024-03-31' and hour_utc in ('2024-03-31T01:00Z', '2024-03-31T02:00Z')`,
  );
  const dbt = await loadDbtAssets({
    projectDir: transformationDir,
    upstream: [...rawStrava, rawHourly!, rawPlaces!],
  });
  const models = modelsFor(dbt.assets, ['marts/fct_activities', 'marts/fct_activity_weather']);
  for (const asset of models) {
    const outcome = await run(asset);
    expect(
      outcome.checks.filter((c) => c.status !== 'success').map((c) => c.name),
      asset.key,
    ).toEqual([]);
  }
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await sim?.close();
});

const weather = async () =>
  (
    await runtime.warehouse.query<Record<string, unknown>>(
      `select w.activity_id::int as id, w.timezone, to_char(w.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as started_utc,
              w.start_hour_local::text as start_hour_local, w.hours_covered::int as hours,
              w.start_temperature_c::float8 as start_temperature_c, a.start_temperature_c::float8 as fct_activities_temperature_c
       from marts.fct_activity_weather as w join marts.fct_activities as a using (activity_id) order by 1`,
    )
  ).rows;

describe('fct_activity_weather across time zones', () => {
  it('asks for the place’s own zone: Europe/Berlin and Australia/Adelaide, one request per place-day', async () => {
    expect(sim.requests()).toBe(3); // Berlin 2024-03-31, Berlin 2024-10-27, Adelaide 2025-01-10
    const { rows } = await runtime.warehouse.query<{ place_key: string; timezone: string; offset: number }>(
      `select place_key, min(timezone) as timezone, min(utc_offset_s) as offset
       from raw.open_meteo_hourly_weather where place_key <> 'recorded' group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { place_key: '-34.8,138.6@2025-01-10', timezone: 'Australia/Adelaide', offset: 37_800 },
      { place_key: '52.5,13.4@2024-03-31', timezone: 'Europe/Berlin', offset: 3_600 },
      { place_key: '52.5,13.4@2024-10-27', timezone: 'Europe/Berlin', offset: 7_200 },
    ]);
  });

  it('labels the local start hour by the zone’s rules across both European DST changes, instants in UTC', async () => {
    const rows = await weather();
    expect(rows.filter((r) => [10, 11, 12].includes(r.id as number))).toMatchObject([
      // 00:30 UTC = 01:30 CET; the activity overlaps the hours of 00, 01 and 02 UTC (01:00 CET, 03:00 and 04:00 CEST)
      {
        id: 10,
        timezone: 'Europe/Berlin',
        started_utc: '2024-03-31T00:30Z',
        start_hour_local: '2024-03-31 01:00:00',
        hours: 3,
      },
      // 10:00 UTC = 12:00 CEST; the API labels this hour 11:00 (its one offset, +1 h, for the whole response)
      {
        id: 11,
        timezone: 'Europe/Berlin',
        started_utc: '2024-03-31T10:00Z',
        start_hour_local: '2024-03-31 12:00:00',
        hours: 1,
      },
      // 00:30 UTC = 02:30 CEST; local 02:00 happens twice that night, the UTC hours stay three
      {
        id: 12,
        timezone: 'Europe/Berlin',
        started_utc: '2024-10-27T00:30Z',
        start_hour_local: '2024-10-27 02:00:00',
        hours: 3,
      },
    ]);
    const { rows: hours } = await runtime.warehouse.query<{ utc: string; local: string; label: string }>(
      `select to_char(hour_at at time zone 'UTC', 'HH24:MI') as utc, to_char(hour_at_local, 'HH24:MI') as local,
              to_char(api_hour_label, 'HH24:MI') as label
       from staging.stg_open_meteo__hourly_weather
       where place_key = '52.5,13.4@2024-10-27' and hour_at >= '2024-10-27T00:00Z' and hour_at < '2024-10-27T03:00Z'
       order by hour_at`,
    );
    expect(hours).toEqual([
      { utc: '00:00', local: '02:00', label: '02:00' },
      { utc: '01:00', local: '02:00', label: '03:00' }, // the API keeps +2 h past the change
      { utc: '02:00', local: '03:00', label: '04:00' },
    ]);
  });

  it('matches the start hour in a half-hour zone (hours at :30 UTC): simulated +10:30 and the recorded response', async () => {
    const rows = await weather();
    const hour = (label: string) => recorded.hourly!.time.indexOf(label);
    expect(rows.filter((r) => [13, 14].includes(r.id as number))).toEqual([
      // 01:00 UTC falls in the hour 00:30-01:30 UTC = 11:00-12:00 ACDT; a one-hour activity overlaps two hours
      expect.objectContaining({
        id: 13,
        timezone: 'Australia/Adelaide',
        start_hour_local: '2025-01-10 11:00:00',
        hours: 2,
      }),
      // the recorded hour labelled 12:00 (+9:30) is 02:30-03:30 UTC, 13:00 ACDT by the zone's rules
      {
        id: 14,
        timezone: 'Australia/Adelaide',
        started_utc: '2025-01-10T03:00Z',
        start_hour_local: '2025-01-10 13:00:00',
        hours: 1,
        start_temperature_c: recorded.hourly!.temperature_2m![hour('2025-01-10T12:00')],
        fct_activities_temperature_c: recorded.hourly!.temperature_2m![hour('2025-01-10T12:00')],
      },
    ]);
    expect(rows.find((r) => r.id === 13)).toMatchObject({
      start_temperature_c: expect.any(Number),
      fct_activities_temperature_c: rows.find((r) => r.id === 13)!.start_temperature_c,
    });
  });

  it('attributes no direction to calm air: seconds in an hour under 0.5 m/s (Beaufort force 0) are calm_s', async () => {
    const { rows } = await runtime.warehouse.query<Record<string, number>>(
      `select route_s::int as route, calm_s::int as calm, (headwind_s + crosswind_s + tailwind_s)::int as directed
       from marts.fct_activity_weather where activity_id = 10`,
    );
    // the route runs 00:30-02:30 UTC; the hour of 01 UTC is calm, the hour of 02 UTC (0.5 m/s) is not
    expect(rows).toEqual([{ route: 7200, calm: 3600, directed: 3600 }]);
    const { rows: others } = await runtime.warehouse.query<{ n: string }>(
      'select count(*) as n from marts.fct_activity_weather where calm_s is not null and activity_id <> 10',
    );
    expect(others).toEqual([{ n: '0' }]); // no route, no wind relative to it
  });
});
