import { afterEach, describe, expect, it } from 'vitest';
import { sharedData } from '@voyager/orchestration/testing';
import {
  ActivityStats,
  DetailedActivity,
  DetailedAthlete,
  StreamSet,
  SummaryActivity,
  Zones,
} from '../src/strava/schemas.js';
import {
  startStravaSimulator,
  SYNTHETIC_DATA,
  syntheticEventsUntil,
  type StravaSimulator,
} from '@voyager/extract/simulator';

// The simulator's default data: a synthetic athlete our code generates. Its history is pinned to a
// fixed clock here so the figures do not move with the calendar.
const END_2025 = Date.parse('2025-12-31T23:59:59Z');
let simulators: StravaSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.map((s) => s.stop()));
  simulators = [];
});

async function synthetic(historyNow: () => number = () => END_2025): Promise<StravaSimulator> {
  const sim = await startStravaSimulator({ data: SYNTHETIC_DATA, historyNow });
  simulators.push(sim);
  return sim;
}

const sports = (list: readonly Record<string, unknown>[]) => new Set(list.map((a) => String(a.sport_type)));

describe('the synthetic athlete', () => {
  it('is the same on every start: five years of valid SummaryActivity records with unique ids', async () => {
    const a = (await synthetic()).activities();
    const b = (await synthetic()).activities();
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(1_000);
    expect(new Set(a.map((x) => x.id)).size).toBe(a.length);
    expect(a.every((x) => SummaryActivity.safeParse(x).success)).toBe(true);
    const years = new Set(a.map((x) => String(x.start_date).slice(0, 4)));
    expect([...years].sort()).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(sports(a)).toEqual(
      new Set([
        'Run',
        'TrailRun',
        'Ride',
        'VirtualRide',
        'Swim',
        'Hike',
        'Walk',
        'NordicSki',
        'AlpineSki',
        'WeightTraining',
      ]),
    );
  });

  it('has realistic distances, paces and heart rates per sport', async () => {
    const all = (await synthetic()).activities();
    const runs = all.filter((a) => a.sport_type === 'Run');
    const paceMinPerKm = runs.map((a) => 1000 / Number(a.average_speed) / 60);
    expect(Math.min(...paceMinPerKm)).toBeGreaterThan(3.5);
    expect(Math.max(...paceMinPerKm)).toBeLessThan(7.5);
    expect(Math.max(...runs.map((a) => Number(a.distance)))).toBeLessThan(26_000);
    const rides = all.filter((a) => a.sport_type === 'Ride');
    const kmh = rides.map((a) => Number(a.average_speed) * 3.6);
    expect(Math.min(...kmh)).toBeGreaterThan(15);
    expect(Math.max(...kmh)).toBeLessThan(35);
    const hr = all.filter((a) => a.has_heartrate === true);
    for (const a of hr) {
      expect(Number(a.average_heartrate)).toBeGreaterThan(90);
      expect(Number(a.max_heartrate)).toBeLessThanOrEqual(192);
      expect(Number(a.max_heartrate)).toBeGreaterThan(Number(a.average_heartrate));
    }
    expect(all.filter((a) => a.sport_type === 'Swim').every((a) => a.has_heartrate === false)).toBe(true);
    // the athlete gets faster over the years: the median easy-run pace of 2025 beats that of 2021
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const easy = (year: string) =>
      median(
        runs
          .filter((a) => a.workout_type === 0 && String(a.start_date).startsWith(year))
          .map((a) => Number(a.average_speed)),
      );
    expect(easy('2025')).toBeGreaterThan(easy('2021') * 1.05);
  });

  it('serves details with laps, splits and best efforts, streams, zones and stats that match the summaries', async () => {
    const sim = await synthetic();
    const token = await accessToken(sim);
    const get = async (path: string) =>
      (
        await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
      ).json() as Promise<Record<string, unknown>>;
    const race = sim.activities().find((a) => a.workout_type === 1 && Number(a.distance) > 21_000)!;
    const detail = DetailedActivity.parse(await get(`/activities/${String(race.id)}`));
    expect(detail.laps!.reduce((sum, l) => sum + l.distance, 0)).toBeCloseTo(Number(race.distance), 0);
    expect(detail.laps).toHaveLength(Math.ceil(Number(race.distance) / 1000));
    expect(detail.best_efforts!.map((e) => e.name)).toEqual([
      '400m',
      '1/2 mile',
      '1K',
      '1 mile',
      '2 mile',
      '5K',
      '10K',
      '15K',
      '10 mile',
      '20K',
      'Half-Marathon',
    ]);
    const streams = StreamSet.parse(await get(`/activities/${String(race.id)}/streams?key_by_type=true`));
    expect(Object.keys(streams)).toEqual(
      expect.arrayContaining(['time', 'distance', 'latlng', 'heartrate', 'altitude']),
    );
    expect(streams.distance!.data.at(-1)).toBeCloseTo(Number(race.distance), 0);
    const athlete = DetailedAthlete.parse(await get('/athlete'));
    expect(Zones.parse(await get('/athlete/zones')).heart_rate!.zones).toHaveLength(5);
    const stats = ActivityStats.parse(await get(`/athletes/${athlete.id}/stats`));
    expect(stats.all_run_totals.count).toBe(
      sim.activities().filter((a) => /Run$/.test(String(a.sport_type))).length,
    );
  });

  it('lives over time: activities appear once uploaded, a few are edited days later and a few duplicates deleted', async () => {
    const { edited, deleted } = syntheticEventsUntil(END_2025);
    expect(edited.length).toBeGreaterThanOrEqual(3);
    expect(deleted.length).toBeGreaterThanOrEqual(2);
    let clock = 0;
    const sim = await synthetic(() => clock);
    const e = edited[0]!;
    clock = e.uploadedAt - 1;
    expect(sim.activities().some((a) => a.id === e.summary.id)).toBe(false);
    clock = e.uploadedAt;
    expect(sim.activities().find((a) => a.id === e.summary.id)?.name).toBe(e.summary.name);
    clock = e.edit!.at;
    expect(sim.activities().find((a) => a.id === e.summary.id)).toMatchObject(e.edit!.patch);
    const d = deleted[0]!;
    clock = d.deletedAt! - 1;
    expect(sim.activities().some((a) => a.id === d.summary.id)).toBe(true);
    clock = d.deletedAt!;
    expect(sim.activities().some((a) => a.id === d.summary.id)).toBe(false);
  });
});

describe('recorded responses instead (VOYAGER_SIMULATOR_DATA)', () => {
  it('serves the folder given as dataDir, and names the folder when a file is missing', async () => {
    const sim = await startStravaSimulator({ dataDir: sharedData('strava-api-v3') });
    simulators.push(sim);
    expect(sim.data.source).toBe('recorded');
    expect(sim.activities()).toHaveLength(1132);
    await expect(startStravaSimulator({ dataDir: '/nonexistent/strava' })).rejects.toThrow(
      /VOYAGER_SIMULATOR_DATA=\/nonexistent\/strava: cannot read responses\/client__all_athlete_activities__1\.json/,
    );
  });
});

async function accessToken(sim: StravaSimulator): Promise<string> {
  const res = await fetch(sim.oauthUrl, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: sim.tokens.currentRefreshToken,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
