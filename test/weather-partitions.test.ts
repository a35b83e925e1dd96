import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LandingBatchWriter } from '@voyager/orchestration';
import {
  createTestRuntime,
  executeRun,
  runAssetOnce,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { startOpenMeteoSimulator, type OpenMeteoSimulator } from '@voyager/extract/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// The weather assets are daily partitioned by the UTC date of an activity's start (issue 15):
// a run that names no partition catches up every day with positioned activities without weather,
// in steps of up to 366 days; a second run requests nothing; a day re-run (or a --from/--to
// backfill) requests nothing twice and gives the same rows. Real Postgres, the real definitions
// and the Open-Meteo simulator over HTTP.
const WEATHER =
  'landing/open_meteo/activity_weather raw/open_meteo_hourly_weather raw/open_meteo_activity_places';

describe('weather partitions by activity date', { timeout: 300_000 }, () => {
  let runtime: TestRuntime;
  let sim: OpenMeteoSimulator;
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) });
  const q = async <T>(sql: string): Promise<T[]> => (await runtime.warehouse.query(sql)).rows as T[];
  const run = async (partition: { partition: string } | { from: string; to: string } | object = {}) => {
    const result = await executeRun({ definitions: defs, runtime, log, selection: WEATHER, ...partition });
    expect(result.outcomes.filter((o) => o.status !== 'success').map((o) => [o.assetKey, o.error])).toEqual(
      [],
    );
    return result;
  };
  const activity = (id: number, start: string, latlng: [number, number] | null) => ({
    id,
    name: `activity ${id}`,
    type: 'Ride',
    sport_type: 'Ride',
    start_date: start,
    distance: 20000,
    moving_time: 3600,
    elapsed_time: 3600,
    start_latlng: latlng,
  });
  let batch = 0;
  const landActivities = async (records: Record<string, unknown>[]) => {
    const writer = new LandingBatchWriter(runtime.landing, {
      dataset: 'strava/activities',
      runId: `api-${++batch}`,
    });
    await writer.writePart(records);
    await writer.commit({});
    const raw = defs.graph.assets.find((a) => a.key === 'raw/strava_activities')!;
    const outcome = await runAssetOnce(runtime, raw);
    expect(outcome.status, outcome.error).toBe('success');
  };
  /** Positioned activities without a row in raw.open_meteo_activity_places joined to its hours. */
  const withoutWeather = () =>
    q<{ id: number }>(
      `select a.activity_id::int as id from raw.strava_activities as a
        where jsonb_typeof(a.record->'start_latlng') = 'array'
          and not exists (select 1 from raw.open_meteo_activity_places as p
                            join raw.open_meteo_hourly_weather as h using (place_key)
                           where p.activity_id = a.activity_id)
        order by 1`,
    );
  const snapshot = async () =>
    (
      await q<Record<string, unknown>>(
        `select (select count(*)::int from raw.open_meteo_hourly_weather) as hours,
              (select count(distinct place_key)::int from raw.open_meteo_hourly_weather) as places,
              (select string_agg(activity_id || '=' || place_key, ' ' order by activity_id) from raw.open_meteo_activity_places) as links,
              (select md5(string_agg(place_key || hour_utc::text || coalesce(temperature_c::text, ''), ',' order by place_key, hour_utc)) from raw.open_meteo_hourly_weather) as values`,
      )
    )[0];

  beforeAll(async () => {
    // the cell at 40.4,-3.7 (the last test's): answered, but with no hours
    sim = await startOpenMeteoSimulator({ noHours: (r) => r.latitude === 40.4 && r.longitude === -3.7 });
    runtime = await createTestRuntime({
      projectDir: repoRoot,
      env: { OPEN_METEO_URL: sim.archiveUrl, OPEN_METEO_MAX_REQUESTS_PER_MINUTE: '600000' },
    });
  }, 300_000);
  afterAll(async () => {
    await runtime?.close();
    await sim?.close();
  });

  it('a run with no partition fills the weather of every positioned activity across several days, in steps of days', async () => {
    await landActivities([
      activity(1, '2023-03-10T07:00:00Z', [48.14, 11.58]),
      activity(2, '2023-03-10T16:00:00Z', [48.15, 11.57]), // same cell and day as 1: one request
      activity(3, '2023-03-11T07:00:00Z', [48.14, 11.58]),
      activity(4, '2024-06-01T23:30:00Z', [-33.87, 151.21]), // the UTC date is its partition
      activity(5, '2024-06-01T05:00:00Z', null), // indoors: no weather, no partition
    ]);
    const result = await run();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^catching up 451 partitions of landing\/open_meteo\/activity_weather: 2023-03-10\.\.\d{4}-\d\d-\d\d$/,
        ),
      ]),
    );
    // every day from 2023-03-10 to 2024-06-01 (450, the days between cost nothing), 366 a step,
    // then the latest complete day
    const steps = result.outcomes
      .filter((o) => o.assetKey === 'landing/open_meteo/activity_weather')
      .map((o) => o.partitionKeys ?? [o.partitionKey]);
    expect(steps.slice(0, 2).map((k) => [k[0], k.at(-1), k.length])).toEqual([
      ['2023-03-10', '2024-03-09', 366],
      ['2024-03-10', '2024-06-01', 84],
    ]);
    expect(steps).toHaveLength(3);
    expect(sim.requests()).toBe(3);
    expect(await withoutWeather()).toEqual([]);
    expect(await snapshot()).toMatchObject({ hours: 3 * 72, places: 3 });
    // what `voyager status` shows: each day partition of each weather asset materialized
    const latest = (await runtime.runStorage.latestAssetEvents()).filter((e) =>
      e.assetKey.includes('open_meteo'),
    );
    for (const key of [
      'landing/open_meteo/activity_weather',
      'raw/open_meteo_hourly_weather',
      'raw/open_meteo_activity_places',
    ])
      expect(
        latest.filter((e) => e.assetKey === key && e.status === 'success').map((e) => e.partitionKey),
      ).toEqual(expect.arrayContaining(['2023-03-10', '2023-03-11', '2024-06-01']));
  });

  it('a second run makes no request and plans only the latest complete day', async () => {
    const before = await snapshot();
    lines.length = 0;
    const result = await run();
    expect(sim.requests()).toBe(3);
    expect(lines.filter((l) => l.startsWith('catching up'))).toEqual([]);
    expect(new Set(result.outcomes.map((o) => o.partitionKey)).size).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a re-run of a day and a --from/--to backfill request nothing twice and give the same rows', async () => {
    const before = await snapshot();
    await run({ partition: '2023-03-11' });
    await run({ from: '2023-03-09', to: '2023-03-12' });
    expect(sim.requests()).toBe(3);
    expect(await snapshot()).toEqual(before);
  });

  it('a new activity of a new day is caught up by the next run with one request; one of a fetched place-day with none', async () => {
    await landActivities([
      activity(6, '2023-03-10T12:00:00Z', [48.13, 11.59]), // the place-day of 1 and 2
      activity(7, '2022-12-24T10:00:00Z', [47.27, 11.39]),
    ]);
    lines.length = 0;
    await run();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^catching up 78 partitions of landing\/open_meteo\/activity_weather: 2022-12-24\.\./,
        ),
      ]),
    );
    expect(sim.requests()).toBe(4);
    expect(await withoutWeather()).toEqual([]);
  });
  it('activities loaded by the same run (a fresh home) get their weather in its second pass', async () => {
    const writer = new LandingBatchWriter(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'api-late',
    });
    await writer.writePart([
      activity(8, '2021-08-01T09:00:00Z', [46.5, 7.98]),
      activity(9, '2021-08-02T09:00:00Z', [46.5, 7.98]),
    ]);
    await writer.commit({});
    lines.length = 0;
    const result = await executeRun({
      definitions: defs,
      runtime,
      log,
      selection: `raw/strava_activities ${WEATHER}`,
    });
    expect(result.status).toBe('success');
    expect(lines).toEqual(
      expect.arrayContaining([
        'steps of this run left 2 partitions of landing/open_meteo/activity_weather missing (2021-08-01..2021-08-02): a second pass runs them and their downstream',
      ]),
    );
    expect(sim.requests()).toBe(6);
    expect(await withoutWeather()).toEqual([]);
  });

  it('a place-day Open-Meteo answers with no hours is asked once: the next run neither requests it nor plans its day', async () => {
    await landActivities([
      activity(10, '2019-05-04T09:00:00Z', [40.42, -3.7]), // no hours, beside a place-day with hours
      activity(11, '2019-05-04T09:00:00Z', [41.39, 2.17]),
      activity(12, '2019-05-06T09:00:00Z', [40.41, -3.69]), // no hours, alone in its day
    ]);
    lines.length = 0;
    await run();
    expect(sim.requests()).toBe(9);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Open-Meteo answered place-day 40.4,-3.7@2019-05-04 with no hours: not asked again',
        'Open-Meteo answered place-day 40.4,-3.7@2019-05-06 with no hours: not asked again',
      ]),
    );
    // nothing lost: the hours of the other place-day, and every activity's place-day link
    expect(await withoutWeather()).toEqual([{ id: 10 }, { id: 12 }]);
    expect(
      await q(`select activity_id::int as id, place_key from raw.open_meteo_activity_places
                where activity_id in (10, 11, 12) order by 1`),
    ).toEqual([
      { id: 10, place_key: '40.4,-3.7@2019-05-04' },
      { id: 11, place_key: '41.4,2.2@2019-05-04' },
      { id: 12, place_key: '40.4,-3.7@2019-05-06' },
    ]);
    const before = await snapshot();
    lines.length = 0;
    const second = await run();
    expect(sim.requests()).toBe(9);
    expect(lines.filter((l) => l.startsWith('catching up'))).toEqual([]);
    expect([...new Set(second.outcomes.map((o) => o.partitionKey))]).not.toContain('2019-05-04');
    expect(new Set(second.outcomes.map((o) => o.partitionKey)).size).toBe(1);
    // a day named explicitly asks no place-day twice either, as for any other day
    await run({ partition: '2019-05-06' });
    expect(sim.requests()).toBe(9);
    expect(await snapshot()).toEqual(before);
  });

  it('an activity linked to a place-day whose hours are landed but not loaded is still caught up, by loading them', async () => {
    await landActivities([activity(13, '2018-02-02T09:00:00Z', [52.52, 13.4])]);
    const landed = await executeRun({
      definitions: defs,
      runtime,
      log,
      selection: 'landing/open_meteo/activity_weather raw/open_meteo_activity_places',
    });
    expect(landed.status).toBe('success');
    expect(sim.requests()).toBe(10);
    expect(await withoutWeather()).toEqual([{ id: 10 }, { id: 12 }, { id: 13 }]);
    lines.length = 0;
    await run();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^catching up \d+ partitions of raw\/open_meteo_hourly_weather: 2018-02-02\.\./,
        ),
      ]),
    );
    expect(sim.requests()).toBe(10);
    expect(await withoutWeather()).toEqual([{ id: 10 }, { id: 12 }]);
  });

  it('the steps of one run share OPEN_METEO_MAX_REQUESTS_PER_RUN; the next run has its own', async () => {
    await landActivities([
      activity(14, '2015-01-10T09:00:00Z', [45.07, 7.69]),
      activity(15, '2016-03-01T09:00:00Z', [45.07, 7.69]), // 417 days later: the second step
    ]);
    const oneRequest = { ...runtime, env: { ...runtime.env, OPEN_METEO_MAX_REQUESTS_PER_RUN: '1' } };
    const budgeted = () => executeRun({ definitions: defs, runtime: oneRequest, log, selection: WEATHER });
    lines.length = 0;
    const first = await budgeted();
    expect(first.status).toBe('success');
    // whichever of the two steps ran first took the run's one request; the other none
    const steps = first.outcomes.filter(
      (o) => o.assetKey === 'landing/open_meteo/activity_weather' && o.partitionKey! < '2017-01-01',
    );
    expect(steps.map((o) => [o.metadata.places, o.metadata.stopped]).sort()).toEqual([
      [0, 'OPEN_METEO_MAX_REQUESTS_PER_RUN (1) reached'],
      [1, undefined],
    ]);
    expect(sim.requests()).toBe(11);
    expect((await withoutWeather()).length).toBe(3);
    expect((await budgeted()).status).toBe('success');
    expect(sim.requests()).toBe(12);
    expect(await withoutWeather()).toEqual([{ id: 10 }, { id: 12 }]);
  });
});
