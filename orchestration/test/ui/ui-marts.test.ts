import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityStreams, MartRows } from '@voyager/orchestration/ui-api';
import { startUiTestServer, type UiTestServer } from './ui-test-server.js';
import { writeDemoMarts } from './fixture-project/demo-marts.js';
import { DEMO_DEVICE_FILE } from './fixture-project/demo-activity-marts.js';

// The marts the heart-rate and lifting panels and the activity page read (issues 15 and 16), over
// the UI fixture's demo marts on a real embedded Postgres.
let s: UiTestServer;
const get = async (path: string) => {
  const res = await fetch(`${s.url}/api${path}`);
  expect(res.status, path).toBe(200);
  return MartRows.parse(await res.json());
};

beforeAll(async () => {
  s = await startUiTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe('dashboard and activity marts API (embedded Postgres)', () => {
  it('says the activity sources and weather are not built yet, and rejects a bad id in one line', async () => {
    expect(await get('/activities/1119/sources')).toEqual({ available: false, rows: [] });
    expect(await get('/activities/-1119/weather')).toEqual({ available: false, rows: [] });
    expect(await get('/marts/heart-rate-time-in-zones')).toEqual({ available: false, rows: [] });
    const bad = await fetch(`${s.url}/api/activities/1x/sources`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'activity id 1x is not an activity id (an integer)' });
  });

  it('answers time in zones per day with each zone and week, and the zones with their bpm bounds', async () => {
    await writeDemoMarts(s.runtime.warehouse);
    const zones = await get('/marts/heart-rate-time-in-zones');
    const days = await s.runtime.warehouse.query<{ n: number; z1: number }>(
      'select count(*)::int as n, sum(time_in_zone_1_s)::int as z1 from marts.fct_daily_heart_rate',
    );
    expect(zones.rows).toHaveLength(days.rows[0]!.n);
    expect(zones.rows.reduce((a, r) => a + Number(r.time_in_zone_1_s), 0)).toBe(days.rows[0]!.z1);
    // 2026-11-27 is a Friday: day 27 gives 36000 + 6 * 900, 5400 + 2 * 300, 1800, 600 + 3 * 150, 180
    expect(zones.rows.find((r) => r.date_day === '2026-11-27')).toEqual({
      date_day: '2026-11-27',
      week_start_date: '2026-11-23',
      time_in_zone_1_s: 41400,
      time_in_zone_2_s: 6000,
      time_in_zone_3_s: 1800,
      time_in_zone_4_s: 1050,
      time_in_zone_5_s: 180,
    });
    const bounds = await get('/marts/heart-rate-zone-bounds');
    expect(bounds.rows.map((r) => [r.zone_index, r.lower_bound_bpm, r.upper_bound_bpm])).toEqual([
      [1, 0, 120],
      [2, 120, 150],
      [3, 150, 165],
      [4, 165, 180],
      [5, 180, null],
    ]);
  });

  it('answers 1RM by Epley and Brzycki, and weekly sets, reps and tonnage per muscle group', async () => {
    const orm = await get('/marts/lifting-one-rep-max');
    const bench = orm.rows.filter((r) => r.exercise_key === 'bench_press');
    expect(bench.length).toBeGreaterThan(1);
    for (const r of bench)
      expect(Number(r.best_brzycki_1rm_kg_to_date)).toBeCloseTo(
        0.97 * Number(r.best_epley_1rm_kg_to_date),
        0,
      );
    const volume = await get('/marts/lifting-weekly-volume');
    expect(volume.rows.every((r) => Number(r.rep_count) === 8 * Number(r.set_count))).toBe(true);
  });

  it('answers the Eddington history in km, oldest first, each sport ending at its Eddington number', async () => {
    const { rows } = await get('/marts/eddington-history');
    const days = rows.map((r) => String(r.reached_on));
    expect(days).toEqual([...days].sort());
    const top = (sport: string) =>
      Math.max(...rows.filter((r) => r.sport_type === sport).map((r) => Number(r.eddington_number)));
    const numbers = await get('/marts/eddington');
    for (const n of numbers.rows) expect(top(String(n.sport_type))).toBe(n.eddington_number);
    expect([top('Ride'), top('Run'), rows.length]).toEqual([30, 5, 35]);
  });

  it("answers any activity's facts by id, the oldest too, not only the dashboard list's newest", async () => {
    const oldest = await get('/activities/1000/summary');
    expect(oldest.rows).toEqual([
      expect.objectContaining({
        activity_id: '1000',
        activity_name: 'Demo Ride 0',
        sport_type: 'Ride',
        is_deleted: false,
      }),
    ]);
    expect(oldest.rows[0]!.distance_km).toBe(30);
    expect(oldest.rows[0]!.moving_time_s).toBe(3600);
    // older than the list's newest 500: the list leaves it out, the lookup by id does not
    await s.runtime.warehouse.query(
      `insert into marts.fct_activities (activity_id, activity_name, sport_type, started_at, is_deleted)
       select 100000 + g, 'Filler ' || g, 'Run', timestamptz '2026-12-31' + g * interval '1 hour', false
         from generate_series(1, 500) g`,
    );
    try {
      const list = await get('/marts/activities');
      expect(list.rows.some((r) => r.activity_id === '1000')).toBe(false);
      expect((await get('/activities/1000/summary')).rows).toHaveLength(1);
    } finally {
      await s.runtime.warehouse.query('delete from marts.fct_activities where activity_id > 100000');
    }
    expect(await get('/activities/424242/summary')).toEqual({ available: true, rows: [] });
  });

  it("lists an activity's sources, the winning record first, with why it won", async () => {
    const { rows } = await get('/activities/1119/sources');
    expect(
      rows.map((r) => [r.record_source, r.source_activity_id, r.match_rule, r.is_canonical, r.wins_streams]),
    ).toEqual([
      ['api', '1119', 'self', true, false],
      ['fit', '-1119', 'start_time_and_sport', false, true],
      ['bulk_export', '1119', 'strava_id', false, false],
    ]);
    expect(rows[1]).toMatchObject({
      file_name: DEMO_DEVICE_FILE,
      start_offset_s: 4,
      activity_name: 'Morning Run',
    });
    expect(Number(rows[1]!.distance_m) - Number(rows[0]!.distance_m)).toBeCloseTo(37, 6);
    expect(String(rows[0]!.won_summary_because)).toContain('the Strava record');
    expect((await get('/activities/1118/sources')).rows).toEqual([]);
    // the page draws the winning record's streams: the FIT's, under its own (negative) id
    const streams = ActivityStreams.parse(await (await fetch(`${s.url}/api/activities/1119/streams`)).json());
    expect(streams).toMatchObject({ streamsActivityId: '-1119', totalPoints: 3600, routeSource: 'streams' });
  });

  it("answers an activity's weather: start conditions and head-, cross- and tailwind seconds", async () => {
    const { rows } = await get('/activities/1119/weather');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      timezone: 'Europe/Berlin',
      start_conditions: 'rain',
      start_temperature_c: 6.4,
      route_s: 3000,
      headwind_s: 1200,
      crosswind_s: 900,
      tailwind_s: 600,
      calm_s: 300,
    });
    expect((await get('/activities/-5/weather')).rows).toEqual([]);
    // a warehouse built before a column was added (calm_s): the row without it, not an error
    await s.runtime.warehouse.query('alter table marts.fct_activity_weather drop column calm_s');
    const older = (await get('/activities/1119/weather')).rows[0]!;
    expect(older).toMatchObject({ headwind_s: 1200, start_conditions: 'rain' });
    expect('calm_s' in older).toBe(false);
  });
});
