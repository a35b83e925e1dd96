import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  executeRun,
  martRows,
  type RunResult,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../../definitions.js';
import { repoRoot } from '../run-cli.js';
import { dbt, runDbtTool } from '../real-dbt.js';
import {
  addDays,
  bestEffort,
  eddingtonHistory,
  fitness,
  gradeAdjustedDistance,
  isoYearOf,
  mondayOf,
  streaks,
  meanMaximal,
  movingSeconds,
  powerLoad,
  trimp,
  weightedPower,
} from './expected.js';
import {
  ATHLETE_ID,
  ATHLETE_RECORD,
  FTP_W,
  HEART_RATE_ZONES,
  ZONES_MAX_HR,
  fileDuplicateOfRun,
  handBuiltActivities,
  type Activity,
} from './hand-built-athlete.js';

const SELECTION = 'group:staging group:marts';
/**
 * The day the marts take for today (VOYAGER_TRAINING_AS_OF): the day after the athlete's last
 * run, so the April streaks are alive and the New Year one is broken.
 */
const AS_OF = '2025-04-15';
/** What real dbt builds: the training marts, fct_personal_records and everything upstream of them. */
const DBT_SELECTION = [
  '+fct_daily_fitness',
  '+fct_mean_maximal_curves',
  '+fct_personal_records',
  '+fct_eddington_numbers',
  '+fct_gear_monthly_usage',
  '+fct_activities',
  '+dim_sport_type',
  '+fct_year_in_sport',
  '+fct_heart_rate_zones',
  '+fct_training_weeks',
  '+fct_activity_weather',
  '+fct_hourly_max_heart_rate',
];
const TRAINING_TABLES = [
  'fct_activity_stream_intervals',
  'fct_activity_heart_rate_seconds',
  'fct_activity_stream_metrics',
  'fct_activity_training_load',
  'fct_daily_fitness',
  'fct_activity_mean_maximal',
  'fct_mean_maximal_curves',
  'fct_stream_best_efforts',
  'fct_personal_records',
  'fct_eddington_history',
  'fct_eddington_numbers',
  'dim_gear',
  'fct_gear_monthly_usage',
  'fct_activity_streaks',
  'fct_year_in_sport',
  'fct_heart_rate_zones',
  'fct_training_weeks',
];

async function insertActivities(runtime: TestRuntime, activities: readonly Activity[]): Promise<void> {
  const db = runtime.warehouse;
  for (const a of activities) {
    await db.query(
      `insert into raw.strava_activities (activity_id, athlete_id, name, sport_type, type, start_date, start_date_local,
         distance_m, moving_time_s, elapsed_time_s, suffer_score, gear_id, has_heartrate, source, external_id, record,
         _source_object, _loaded_at)
       values ($1, $2, $3, $4, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, '{}', 'hand-built', now())`,
      [
        a.id,
        ATHLETE_ID,
        `activity ${a.id}`,
        a.sport,
        a.utc,
        a.local,
        a.distanceM,
        a.movingS,
        a.sufferScore,
        a.gearId,
        a.points.some((p) => p.hr !== null),
        a.fileSource ?? null,
        a.fileSource === undefined ? null : `activity-${-a.id}.${a.fileSource}`,
      ],
    );
    if (a.exportGear !== undefined)
      await db.query(
        `insert into raw.strava_export_activities (activity_id, start_date, name, activity_type, gear, record,
           _source_object, _loaded_at)
         values ($1, $2, $3, $4, $5, '{}', 'hand-built', now())`,
        [a.id, a.utc, `activity ${a.id}`, a.sport, a.exportGear],
      );
    if (a.points.length === 0) continue;
    const col = <K extends keyof Activity['points'][number]>(k: K) => a.points.map((p) => p[k]);
    await db.query(
      `insert into raw.strava_activity_streams (activity_id, point_index, time_s, distance_m, altitude_m, heartrate_bpm,
         watts, moving, _source_object, _loaded_at)
       select $1, i - 1, t, d, alt, hr, w, moving, 'hand-built', clock_timestamp()
         from unnest($2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::boolean[])
              with ordinality as u (t, d, alt, hr, w, moving, i)`,
      [a.id, col('t'), col('d'), col('alt'), col('hr'), col('w'), col('moving')],
    );
  }
}

/**
 * The training-analytics marts on the hand-built athlete, built by `runner` (the built-in runner
 * or real dbt), each checked against values computed in ./expected.ts.
 */
export function describeTrainingMarts(runner: 'builtin' | 'dbt'): void {
  describe(`training analytics on a hand-built athlete (${runner})`, { timeout: 900_000 }, () => {
    let runtime: TestRuntime;
    let run: RunResult | undefined;
    let built: unknown[];
    // `activities` are the real-world activities the expected values come from; the device file
    // of run 2 is loaded too, and must change none of them (it is the same run)
    const activities = handBuiltActivities();
    const duplicate = fileDuplicateOfRun(activities.find((a) => a.id === 2)!);
    const byId = new Map([...activities, duplicate].map((a) => [a.id, a]));
    const q = async <T>(sql: string): Promise<T[]> => (await runtime.warehouse.query(sql)).rows as T[];
    /** Builds the marts: the built-in runner through the asset graph, or one `dbt build` (its tests included). */
    const materialize = async (): Promise<unknown[]> => {
      if (runner === 'builtin') {
        run = await executeRun({
          definitions: defs,
          runtime,
          log: pino({ level: 'silent' }),
          selection: SELECTION,
        });
        return failures(run);
      }
      const target = `${runtime.home}/dbt-target`;
      const build = await runDbtTool(
        dbt.path!,
        [
          'build',
          // only the selected models' own tests: dbt's default `eager` adds tests of unselected models
          '--indirect-selection',
          'cautious',
          '--select',
          ...DBT_SELECTION,
          '--profiles-dir',
          '.',
          '--target-path',
          target,
          '--log-path',
          target,
        ],
        runtime.databaseUrl,
        { VOYAGER_TRAINING_AS_OF: AS_OF },
      );
      return build.code === 0 ? [] : [build.output.slice(-4000)];
    };
    const failures = (r: RunResult) =>
      r.outcomes
        .filter(
          (o) =>
            o.status !== 'success' ||
            o.checks.some((c) => c.status !== 'success' && !c.name.startsWith('source_freshness')),
        )
        .map((o) => [o.assetKey, o.error, o.checks.filter((c) => c.status !== 'success')]);

    beforeAll(async () => {
      runtime = await createTestRuntime({
        projectDir: repoRoot,
        env: { VOYAGER_DBT_RUNNER: runner, VOYAGER_TRAINING_AS_OF: AS_OF },
      });
      // the load asset creates the raw tables (load's migrations) on an empty landing zone
      const migrated = await executeRun({
        definitions: defs,
        runtime,
        log: pino({ level: 'silent' }),
        selection: 'raw/strava_athlete',
      });
      expect(failures(migrated)).toEqual([]);
      await runtime.warehouse.query(
        `insert into raw.strava_athlete (athlete_id, sex, ftp_w, record, _source_object, _loaded_at)
         values ($1, 'M', $2, $3, 'hand-built', now())`,
        [ATHLETE_ID, FTP_W, JSON.stringify(ATHLETE_RECORD)],
      );
      await runtime.warehouse.query(
        `insert into raw.strava_athlete_zones (athlete_id, zone_type, zone_index, min_value, max_value, custom_zones,
           record, _source_object, _loaded_at)
         select $1, 'heart_rate', i, z[1], z[2], true, '{}', 'hand-built', now()
           from jsonb_array_elements($2::jsonb) with ordinality as u (j, i),
                lateral (select array[(j->>0)::float8, (j->>1)::float8]) as v (z)`,
        [ATHLETE_ID, JSON.stringify(HEART_RATE_ZONES)],
      );
      await insertActivities(runtime, [...activities, duplicate]);
      // the weather of run 2's place: 5 °C in the hour from 05:00 UTC (its FIT file starts at
      // 05:59:40), 7 °C from 06:00 (its Strava record starts at 06:00:00); both records have the place
      await runtime.warehouse.query(
        `insert into raw.open_meteo_activity_places (activity_id, place_key, record, _source_object, _loaded_at)
         values (2, 'run-2-place', '{}', 'hand-built', now()), (-2, 'run-2-place', '{}', 'hand-built', now());
         insert into raw.open_meteo_hourly_weather (place_key, hour_utc, timezone, temperature_c, record, _source_object, _loaded_at)
         values ('run-2-place', '2025-03-05T05:00:00Z', 'UTC', 5, '{}', 'hand-built', now()),
                ('run-2-place', '2025-03-05T06:00:00Z', 'UTC', 7, '{}', 'hand-built', now())`,
      );
      built = await materialize();
    }, 900_000);
    afterAll(async () => {
      await runtime?.close();
    });

    it('builds every model and passes every data test', async () => {
      expect(built).toEqual([]);
      const tables = await q<{ t: string }>(
        "select table_name as t from information_schema.tables where table_schema = 'marts'",
      );
      for (const t of TRAINING_TABLES) expect(tables.map((r) => r.t)).toContain(t);
    });

    it('training load: TSS from power for the ride, Banister TRIMP for the run, relative effort for the treadmill run, none for the swim', async () => {
      const rows = await q<{
        id: number;
        method: string;
        load: string;
        trimp: string | null;
        wap: string | null;
        max_hr: string;
        max_method: string;
      }>(
        'select activity_id::int as id, load_method as method, training_load as load, heart_rate_trimp as trimp, weighted_average_power_w as wap, max_heart_rate_bpm as max_hr, max_heart_rate_method as max_method from marts.fct_activity_training_load',
      );
      const got = new Map(rows.map((r) => [r.id, r]));
      // the maximum from the athlete's Strava heart-rate zones (the top zone's lower bound)
      const maxHr = ZONES_MAX_HR;
      expect([Number(got.get(2)!.max_hr), got.get(2)!.max_method]).toEqual([
        maxHr,
        'strava_heart_rate_zones',
      ]);
      const ride = byId.get(1)!.points;
      expect(got.get(1)!.method).toBe('power');
      expect(Number(got.get(1)!.wap)).toBeCloseTo(weightedPower(ride)!, 2);
      expect(Number(got.get(1)!.load)).toBeCloseTo(powerLoad(ride, FTP_W)!, 2);
      expect(Number(got.get(1)!.trimp)).toBeCloseTo(trimp(ride, maxHr, 60)!, 2);
      expect(got.get(2)!.method).toBe('heart_rate');
      expect(Number(got.get(2)!.load)).toBeCloseTo(trimp(byId.get(2)!.points, maxHr, 60)!, 2);
      expect([got.get(3)!.method, Number(got.get(3)!.load)]).toEqual(['relative_effort', 42]);
      expect([got.get(4)!.method, Number(got.get(4)!.load)]).toEqual(['none', 0]);
      expect(rows).toHaveLength(activities.length);
    });

    it('fitness, fatigue and form: every day from the first activity to today, seeded at zero', async () => {
      const loads = await q<{ day: string; load: string }>(
        "select to_char(activity_date, 'YYYY-MM-DD') as day, sum(training_load) as load from marts.fct_activity_training_load group by 1",
      );
      const [{ today }] = await q<{ today: string }>("select to_char(current_date, 'YYYY-MM-DD') as today");
      const firstDay = activities.map((a) => a.local.slice(0, 10)).sort()[0]!;
      const expected = fitness(new Map(loads.map((l) => [l.day, Number(l.load)])), firstDay, today!);
      const rows = await q<{ day: string; ctl: number; atl: number; tsb: number }>(
        "select to_char(date_day, 'YYYY-MM-DD') as day, fitness_ctl as ctl, fatigue_atl as atl, form_tsb as tsb from marts.fct_daily_fitness order by date_day",
      );
      expect(rows).toHaveLength(expected.size);
      for (const r of rows) {
        const e = expected.get(r.day)!;
        expect(
          [r.ctl, r.atl, r.tsb].map((x) => x.toFixed(6)),
          r.day,
        ).toEqual([e.ctl, e.atl, e.tsb].map((x) => x.toFixed(6)));
      }
      // a hand check: the first day, load L: CTL = L (1 - e^(-1/42)), ATL = L (1 - e^(-1/7)), form 0
      const first = rows[0]!;
      const load = Number(loads.find((l) => l.day === firstDay)!.load);
      expect(first.ctl).toBeCloseTo(load * 0.023528, 4);
      expect(first.atl).toBeCloseTo(load * 0.133122, 4);
      expect(first.tsb).toBe(0);
    });

    it('mean-maximal power and speed over moving time, the pause cut out; the curve names the activity', async () => {
      const rows = await q<{ id: number; d: number; p: string | null; v: string | null }>(
        'select activity_id::int as id, duration_s as d, best_power_w as p, best_speed_m_per_s as v from marts.fct_activity_mean_maximal',
      );
      expect(rows.length).toBeGreaterThan(20);
      for (const r of rows) {
        const e = meanMaximal(byId.get(r.id)!.points, r.d);
        expect(r.p === null ? null : Number(r.p), `${r.id} ${r.d}`).toBe(
          e.power === null ? null : Number(e.power.toFixed(3)),
        );
        expect(Number(r.v), `${r.id} ${r.d}`).toBeCloseTo(e.speed!, 4);
      }
      // ride: the best 5 min is the 300 W block; 20 min does not fit in 1140 moving seconds
      expect(Number(rows.find((r) => r.id === 1 && r.d === 300)!.p)).toBe(300);
      expect(rows.find((r) => r.id === 1 && r.d === 1200)).toBeUndefined();
      const curve = await q<{ d: number; p: string; pid: number; sid: number }>(
        "select duration_s as d, best_power_w as p, power_activity_id::int as pid, speed_activity_id::int as sid from marts.fct_mean_maximal_curves where curve_scope = 'all_time' and sport_type = 'Ride' order by d",
      );
      expect(curve.find((c) => c.d === 60)).toMatchObject({ p: '300.000', pid: 1, sid: 1 });
      // per season (calendar year of the local start): the one ride is 2025's whole curve
      const seasons = await q<{ year: number; n: number }>(
        "select season_year as year, count(*)::int as n from marts.fct_mean_maximal_curves where curve_scope = 'season' and sport_type = 'Ride' group by season_year",
      );
      expect(seasons).toEqual([{ year: 2025, n: curve.length }]);
      // the run's device file ties run 2 and starts earlier, but is the same run: the curve names run 2
      const runCurve = await q<{ sid: number }>(
        "select distinct speed_activity_id::int as sid from marts.fct_mean_maximal_curves where curve_scope = 'all_time' and sport_type = 'Run'",
      );
      expect(runCurve.map((c) => c.sid)).toEqual([2]);
    });

    it('a device file of an API activity counts once: the activity, its load, the streaks, the records', async () => {
      // the marts' expected values elsewhere come from `activities` alone; here the match itself
      const [matched] = await q<{ id: number; n: number; sources: string }>(
        "select activity_id::int as id, source_count::int as n, sources from marts.fct_activities where activity_date = '2025-03-05'",
      );
      expect(matched).toEqual({ id: 2, n: 2, sources: 'api, fit' });
      const loads = await q<{ id: number }>(
        'select activity_id::int as id from marts.fct_activity_training_load where activity_id < 0',
      );
      expect(loads).toEqual([]);
      const [days] = await q<{ n: number }>(
        "select sum(activity_count)::int as n from marts.fct_activity_streaks where sport_type = 'All' and streak_unit = 'day'",
      );
      expect(days!.n).toBe(activities.length);
      const [weeks] = await q<{ n: number }>(
        "select sum(activity_count)::int as n from marts.fct_training_weeks where week_start_date = '2025-03-03' and sport_type = 'Run'",
      );
      expect(weeks!.n).toBe(2);
      const records = await q<{ id: number }>(
        'select distinct activity_id::int as id from marts.fct_personal_records where activity_id < 0',
      );
      expect(records).toEqual([]);
      const sports = await q<{ sport: string; n: number }>(
        'select sport_type as sport, activity_count::int as n from marts.dim_sport_type order by sport_type',
      );
      const perSport = new Map<string, number>();
      for (const a of activities) perSport.set(a.sport, (perSport.get(a.sport) ?? 0) + 1);
      expect(sports).toEqual(
        [...perSport].sort(([x], [y]) => x.localeCompare(y)).map(([sport, n]) => ({ sport, n })),
      );
    });

    it('the heart-rate zones of run 2 come once, from its FIT file (the record that wins the streams)', async () => {
      // by hand: 900 s at 150 bpm (zone 3, 140-155) and 900 s at 165 bpm (zone 4, 155-170); the
      // API record's stream is the same, and no longer counts a second time
      const zones = await q<{ id: number; src: number; zone: number; s: string }>(
        'select activity_id::int as id, source_activity_id::int as src, zone_index as zone, time_in_zone_s as s from marts.fct_heart_rate_zones where activity_id in (2, -2) order by zone_index',
      );
      expect(zones.map((z) => [z.id, z.src, z.zone, Number(z.s)])).toEqual([
        [2, -2, 0, 0],
        [2, -2, 1, 0],
        [2, -2, 2, 0],
        [2, -2, 3, 900],
        [2, -2, 4, 900],
        [2, -2, 5, 0],
      ]);
    });

    it('the weather of run 2 comes once, from its FIT file (the record that wins the streams)', async () => {
      // the FIT file starts at 05:59:40 UTC: its start hour is 05:00 (5 °C), and its 30 min
      // cover 05:00 and 06:00 (mean 6 °C); the Strava record's row (start 06:00, 7 °C) is not kept
      const rows = await q<{ id: number; src: number; start: string; mean: string; hours: number }>(
        'select activity_id::int as id, source_activity_id::int as src, start_temperature_c as start, temperature_mean_c as mean, hours_covered::int as hours from marts.fct_activity_weather',
      );
      expect(rows.map((r) => [r.id, r.src, Number(r.start), Number(r.mean), r.hours])).toEqual([
        [2, -2, 5, 6, 2],
      ]);
    });

    it('the hourly maximum of run 2 counts its points once, from its FIT file (the record that wins the streams)', async () => {
      // the FIT file starts at 05:59:40 UTC: 20 points (150 bpm) in the hour from 05:00, 1781 in the
      // hour from 06:00 (up to 165 bpm); the Strava record's 1801 points in 06:00 are not counted
      const rows = await q<{ hour: string; max: string; n: number; acts: number }>(
        "select to_char(hour_started_at at time zone 'UTC', 'HH24') as hour, max_heart_rate_bpm as max, sample_count::int as n, activity_count::int as acts from marts.fct_hourly_max_heart_rate where source = 'strava_streams' and hour_started_at >= '2025-03-05T05:00:00Z' and hour_started_at < '2025-03-05T07:00:00Z' order by 1",
      );
      expect(rows.map((r) => [r.hour, Number(r.max), r.n, r.acts])).toEqual([
        ['05', 150, 20, 1],
        ['06', 165, 1781, 1],
      ]);
    });

    it('best efforts from the streams feed the personal records, for runs without Strava best efforts', async () => {
      const rows = await q<{ id: number; name: string; m: number; s: string }>(
        'select activity_id::int as id, effort_name as name, distance_m as m, elapsed_time_s as s from marts.fct_stream_best_efforts',
      );
      const names = rows
        .filter((r) => r.id === 2)
        .map((r) => r.name)
        .sort();
      expect(names).toEqual(['1 mile', '1/2 mile', '1K', '2 mile', '400m', '5K'].sort());
      for (const r of rows)
        expect(Number(r.s), `${r.id} ${r.name}`).toBe(bestEffort(byId.get(r.id)!.points, Number(r.m)));
      // 400 m in the 5 m/s block: 80 s
      expect(Number(rows.find((r) => r.id === 2 && r.name === '400m')!.s)).toBe(80);
      const records = await q<{ name: string; source: string; current: boolean; id: number }>(
        "select effort_name as name, effort_source as source, is_current_record as current, activity_id::int as id from marts.fct_personal_records where effort_name in ('400m', '1K')",
      );
      expect(records.every((r) => r.source === 'stream')).toBe(true);
      expect(records.filter((r) => r.current).map((r) => r.id)).toEqual([2, 2]);
    });

    it('grade-adjusted pace from the altitude stream (Minetti et al. 2002)', async () => {
      const [row] = await q<{ gad: string; pace: string; moving: string }>(
        'select grade_adjusted_distance_m as gad, grade_adjusted_pace_s_per_km as pace, moving_time_s as moving from marts.fct_activity_stream_metrics where activity_id = 2',
      );
      const points = byId.get(2)!.points;
      expect(Number(row!.gad)).toBeCloseTo(gradeAdjustedDistance(points), 3);
      expect(Number(row!.moving)).toBe(movingSeconds(points));
      expect(Number(row!.pace)).toBeCloseTo(
        movingSeconds(points) / (gradeAdjustedDistance(points) / 1000),
        1,
      );
      // uphill at 5 %: C(0.05)/C(0) = 4.6852 / 3.6 = 1.3014..., so the graded distance exceeds the real one
      expect(Number(row!.gad)).toBeGreaterThan(points.at(-1)!.d!);
    });

    it('Eddington number overall and per sport, in km and miles, with its history', async () => {
      for (const [sport, unit, metres] of [
        ['All', 'km', 1000],
        ['Run', 'km', 1000],
        ['Run', 'mi', 1609.344],
      ] as const) {
        const daily = new Map<string, number>();
        for (const a of activities)
          if (sport === 'All' || a.sport === sport)
            daily.set(a.local.slice(0, 10), (daily.get(a.local.slice(0, 10)) ?? 0) + a.distanceM / metres);
        const expected = eddingtonHistory(daily);
        const rows = await q<{ n: number; day: string }>(
          `select eddington_number as n, to_char(reached_on, 'YYYY-MM-DD') as day from marts.fct_eddington_history where sport_type = '${sport}' and distance_unit = '${unit}' order by n`,
        );
        expect(Object.fromEntries(rows.map((r) => [r.n, r.day])), `${sport} ${unit}`).toEqual(
          Object.fromEntries(expected),
        );
        const [current] = await q<{ e: number }>(
          `select eddington_number as e from marts.fct_eddington_numbers where sport_type = '${sport}' and distance_unit = '${unit}'`,
        );
        expect(current!.e).toBe(Math.max(...expected.keys()));
      }
    });

    it('gear: distance and time per shoe and bike and month, against the retirement distance', async () => {
      const rows = await q<{ key: string; month: string; km: string; s: number; left: string | null }>(
        "select gear_key as key, to_char(month_start_date, 'YYYY-MM') as month, distance_km as km, moving_time_s as s, remaining_to_retirement_km as left from marts.fct_gear_monthly_usage order by 1, 2",
      );
      const expected = new Map<string, { km: number; s: number }>();
      for (const a of activities) {
        // the gear id, else the gear the export's row names (dim_gear's `name:<gear name>` key)
        const gear = a.gearId ?? (a.exportGear === undefined ? null : `name:${a.exportGear}`);
        if (gear === null) continue;
        const k = `${gear}|${a.local.slice(0, 7)}`;
        const e = expected.get(k) ?? { km: 0, s: 0 };
        expected.set(k, { km: e.km + a.distanceM / 1000, s: e.s + a.movingS });
      }
      expect(rows.map((r) => `${r.key}|${r.month}`)).toEqual([...expected.keys()].sort());
      for (const r of rows) {
        const e = expected.get(`${r.key}|${r.month}`)!;
        expect(Math.abs(Number(r.km) - e.km)).toBeLessThanOrEqual(0.0005 + 1e-9); // rounded to 3 decimals
        expect(Number(r.s)).toBe(e.s);
      }
      const shoesKm = activities
        .filter((a) => a.gearId === 'g77')
        .reduce((s, a) => s + a.distanceM / 1000, 0);
      expect(Number(rows.filter((r) => r.key === 'g77').at(-1)!.left)).toBeCloseTo(800 - shoesKm, 3);
      expect(rows.find((r) => r.key === 'b77')!.left).toBeNull();
      // the export's gear name: its own member of dim_gear, of unknown type, so no default retirement
      const [byName] = await q<{ name: string; type: string; km: string | null }>(
        "select gear_name as name, gear_type as type, retirement_distance_km as km from marts.dim_gear where gear_key = 'name:Old road shoes'",
      );
      expect(byName).toEqual({ name: 'Old road shoes', type: 'unknown', km: null });
    });

    it("the dashboards' queries answer from these marts: fitness, the curves, Eddington, the year in sport", async () => {
      const fitness = await martRows(runtime.warehouse, 'fitness');
      expect(fitness.available).toBe(true);
      const curves = await martRows(runtime.warehouse, 'mean-maximal-curves');
      expect(curves.rows.find((r) => r.sport_type === 'Ride' && r.duration_s === 60)).toMatchObject({
        best_power_w: 300,
        power_activity_id: '1',
      });
      const eddington = await martRows(runtime.warehouse, 'eddington');
      const [{ e }] = await q<{ e: number }>(
        "select eddington_number as e from marts.fct_eddington_numbers where sport_type = 'All' and distance_unit = 'km'",
      );
      expect(eddington.rows.find((r) => r.sport_type === 'All' && r.distance_unit === 'km')).toMatchObject({
        eddington_number: e,
      });
      const years = await martRows(runtime.warehouse, 'year-in-sport');
      expect(years.rows[0]).toMatchObject({
        activity_year: 2025,
        sport_type: 'All',
        longest_day_streak_days: 14,
      });
    });

    it('streaks of consecutive active days and ISO weeks, per sport type and overall, the longest flagged', async () => {
      const rows = await q<{
        unit: string;
        sport: string;
        start: string;
        end: string;
        n: number;
        longest: boolean;
        current: boolean;
      }>(
        "select streak_unit as unit, sport_type as sport, to_char(started_on, 'YYYY-MM-DD') as start, to_char(ended_on, 'YYYY-MM-DD') as end, streak_length::int as n, is_longest as longest, is_current as current from marts.fct_activity_streaks order by started_on",
      );
      for (const sport of ['All', ...new Set(activities.map((a) => a.sport))]) {
        const days = activities
          .filter((a) => sport === 'All' || a.sport === sport)
          .map((a) => a.local.slice(0, 10));
        for (const unit of ['day', 'week'] as const) {
          const expected = streaks(days, unit);
          const got = rows.filter((r) => r.sport === sport && r.unit === unit);
          expect(
            got.map((r) => ({ start: r.start, end: r.end, length: r.n })),
            `${sport} ${unit}`,
          ).toEqual(expected);
          const longest = Math.max(...expected.map((e) => e.length));
          expect(got.filter((r) => r.longest).map((r) => r.start)).toEqual(
            expected.filter((e) => e.length === longest).map((e) => e.start),
          );
          // alive on AS_OF: a day streak that ended that day or the day before, a week streak that
          // ended in its week or the week before
          const alive = (e: { end: string }) =>
            e.end >= (unit === 'day' ? addDays(AS_OF, -1) : addDays(mondayOf(AS_OF), -1));
          expect(
            got.filter((r) => r.current).map((r) => r.start),
            `${sport} ${unit} current`,
          ).toEqual(expected.filter(alive).map((e) => e.start));
        }
      }
      // by hand: the runs of 1-14 April are the longest day streak; the weeks from the swim on
      // Sunday 30 March to the run on Monday 14 April the longest week streak; New Year's two days
      const all = rows.filter((r) => r.sport === 'All');
      expect(all.find((r) => r.unit === 'day' && r.longest)).toMatchObject({ start: '2025-04-01', n: 14 });
      expect(all.find((r) => r.unit === 'week' && r.longest)).toMatchObject({
        start: '2025-03-24',
        end: '2025-04-20',
        n: 4,
      });
      expect(all.find((r) => r.unit === 'day' && r.start === '2024-12-31')).toMatchObject({
        n: 2,
        current: false,
      });
      // as of 15 April the streak of 1-14 April is alive (its last day was yesterday), and so is the
      // week streak that ends on Sunday 20 April; the New Year streak is broken
      expect(all.find((r) => r.unit === 'day' && r.longest)).toMatchObject({ current: true });
      expect(all.find((r) => r.unit === 'week' && r.longest)).toMatchObject({ current: true });
    });

    it('year in sport: totals per year and sport type, the longest streaks within the year, the busiest ISO week', async () => {
      const rows = await q<{
        year: number;
        sport: string;
        n: number;
        days: number;
        km: string;
        s: string;
        ds: number;
        ws: number;
        week: string | null;
        week_s: string | null;
      }>(
        "select activity_year as year, sport_type as sport, activity_count::int as n, active_day_count::int as days, distance_km as km, moving_time_s as s, longest_day_streak_days::int as ds, longest_week_streak_weeks::int as ws, to_char(busiest_week_start_date, 'YYYY-MM-DD') as week, busiest_week_moving_time_s as week_s from marts.fct_year_in_sport",
      );
      const expected = [];
      for (const sport of ['All', ...new Set(activities.map((a) => a.sport))]) {
        const scope = activities.filter((a) => sport === 'All' || a.sport === sport);
        for (const year of new Set(scope.map((a) => Number(a.local.slice(0, 4))))) {
          const inYear = scope.filter((a) => Number(a.local.slice(0, 4)) === year);
          const inIsoYear = scope.filter((a) => isoYearOf(a.local.slice(0, 10)) === year);
          const weeks = new Map<string, number>();
          for (const a of inIsoYear) {
            const monday = mondayOf(a.local.slice(0, 10));
            weeks.set(monday, (weeks.get(monday) ?? 0) + a.movingS);
          }
          // the most moving time; a tie goes to the earlier week
          const busiest = [...weeks].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0];
          const longest = (days: string[], unit: 'day' | 'week') =>
            Math.max(0, ...streaks(days, unit).map((st) => st.length));
          expected.push({
            year,
            sport,
            n: inYear.length,
            days: new Set(inYear.map((a) => a.local.slice(0, 10))).size,
            // km to 3 decimals = metres rounded half up (as Postgres rounds numerics)
            km: (Math.round(inYear.reduce((t, a) => t + a.distanceM, 0)) / 1000).toFixed(3),
            s: String(inYear.reduce((t, a) => t + a.movingS, 0)),
            ds: longest(
              inYear.map((a) => a.local.slice(0, 10)),
              'day',
            ),
            ws: longest(
              inIsoYear.map((a) => a.local.slice(0, 10)),
              'week',
            ),
            week: busiest?.[0] ?? null,
            week_s: busiest === undefined ? null : String(busiest[1]),
          });
        }
      }
      const key = (r: { year: number; sport: string }) => `${r.year}|${r.sport}`;
      const sorted = <T extends { year: number; sport: string }>(xs: T[]) =>
        [...xs].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sorted(rows).map((r) => ({ ...r, km: Number(r.km).toFixed(3) }))).toEqual(sorted(expected));
      // by hand: 2025's busiest week is 7-13 April (runs of 3, 12, 4, 15, 2, 6, 7 km at 300 s/km:
      // 14,700 s); 2024 has one run, on 31 December, whose week is week 1 of 2025
      expect(rows.find((r) => r.year === 2025 && r.sport === 'All')).toMatchObject({
        week: '2025-04-07',
        week_s: '14700',
        ds: 14,
      });
      expect(rows.find((r) => r.year === 2024 && r.sport === 'All')).toMatchObject({
        n: 1,
        ds: 1,
        ws: 0,
        week: null,
      });
    });

    it('values checked by hand: run 2 TRIMP, CTL/ATL/TSB on New Year, the Eddington number', async () => {
      // run 2: 900 s at 150 bpm and 900 s at 165 bpm; max 170 (the top zone's lower bound), rest 60:
      // HRr = 90/110 and 105/110, TRIMP = 15 x 0.818182 x 0.64 x e^(1.92 x 0.818182)
      // + 15 x 0.954545 x 0.64 x e^(1.92 x 0.954545)
      const [run] = await q<{ t: string }>(
        'select heart_rate_trimp as t from marts.fct_activity_training_load where activity_id = 2',
      );
      expect(Number(run!.t)).toBeCloseTo(95.069, 3);
      // loads 20 (31 Dec) and 25 (1 Jan), relative effort: CTL = 20 k42 = 0.470566, then
      // 0.470566 + (25 - 0.470566) k42 = 1.047702 with k42 = 1 - e^(-1/42); ATL likewise with
      // k7 = 1 - e^(-1/7): 2.662442, 5.636065; form on 1 Jan = 0.470566 - 2.662442
      const [day] = await q<{ ctl: number; atl: number; tsb: number }>(
        "select fitness_ctl as ctl, fatigue_atl as atl, form_tsb as tsb from marts.fct_daily_fitness where date_day = '2025-01-01'",
      );
      expect(day!.ctl).toBeCloseTo(1.047702, 5);
      expect(day!.atl).toBeCloseTo(5.636065, 5);
      expect(day!.tsb).toBeCloseTo(-2.191876, 5);
      // km per day, largest first: 15, 12, 10.8 (the ride), 10, 9, 8, 8, 7, 7, 6.48, ...: nine days
      // of at least 7 km, seven of at least 8, so E = 7, reached on the 7th day of >= 7 km (10 April)
      const [e] = await q<{ e: number; day: string }>(
        "select eddington_number as e, to_char(reached_on, 'YYYY-MM-DD') as day from marts.fct_eddington_numbers where sport_type = 'All' and distance_unit = 'km'",
      );
      expect(e).toEqual({ e: 7, day: '2025-04-10' });
    });

    /** Row count and an order-free hash of every training table. */
    const fingerprint = async () =>
      Object.fromEntries(
        await Promise.all(
          TRAINING_TABLES.map(async (t) => {
            const [r] = await q<{ h: string; n: number }>(
              `select count(*)::int as n, md5(string_agg(md5(x::text), '' order by md5(x::text))) as h from marts.${t} as x`,
            );
            return [t, `${r!.n} ${r!.h}`];
          }),
        ),
      );
    /** Drops the training tables, so the next build is a full one. */
    const dropTrainingTables = async () => {
      for (const t of TRAINING_TABLES)
        await runtime.warehouse.query(`drop table if exists marts.${t} cascade`);
    };

    it('an incremental build after a new activity gives the rows of a fresh build', async () => {
      const extra = { ...byId.get(2)!, id: 5, local: '2025-03-20T07:00:00', utc: '2025-03-20T06:00:00Z' };
      await insertActivities(runtime, [extra]);
      expect(await materialize()).toEqual([]);
      const incremental = await fingerprint();
      await dropTrainingTables();
      expect(await materialize()).toEqual([]);
      expect(await fingerprint()).toEqual(incremental);
      const [day] = await q<{ n: number }>(
        "select activity_count as n from marts.fct_daily_fitness where date_day = '2025-03-20'",
      );
      expect(Number(day!.n)).toBe(1);
    });

    const streamTables = [
      'fct_activity_stream_intervals',
      'fct_activity_heart_rate_seconds',
      'fct_activity_stream_metrics',
      'fct_activity_mean_maximal',
      'fct_stream_best_efforts',
      'fct_heart_rate_zones',
    ];
    /** Rows of an activity in each stream-derived table. */
    const rowsOf = async (id: number) =>
      Object.fromEntries(
        await Promise.all(
          streamTables.map(async (t) => {
            const [r] = await q<{ n: number }>(
              `select count(*)::int as n from marts.${t} where activity_id = ${id}`,
            );
            return [t, r!.n];
          }),
        ),
      );

    it('an activity deleted upstream leaves the stream-derived models in an incremental build, as in a fresh build', async () => {
      expect(Object.values(await rowsOf(2)).every((n) => n > 0)).toBe(true);
      // as the Strava deletions asset does: a deletion row, which sets raw.strava_activities.deleted_at
      await runtime.warehouse.query(
        `insert into raw.strava_activity_deletions (activity_id, detected_at, record, _source_object, _loaded_at)
         values (2, now(), '{}', 'hand-built', now())`,
      );
      await runtime.warehouse.query(
        'update raw.strava_activities set deleted_at = now() where activity_id = 2',
      );
      expect(await materialize()).toEqual([]);
      expect(await rowsOf(2)).toEqual(Object.fromEntries(streamTables.map((t) => [t, 0])));
      const incremental = await fingerprint();
      await dropTrainingTables();
      expect(await materialize()).toEqual([]);
      expect(await fingerprint()).toEqual(incremental);
    });

    it('an activity re-listed after its deletion comes back in the next incremental build, as in a fresh build', async () => {
      // as a later listing does: its upsert clears deleted_at; the deletion row stays as history
      await runtime.warehouse.query(
        'update raw.strava_activities set deleted_at = null, _loaded_at = clock_timestamp() where activity_id = 2',
      );
      expect(await materialize()).toEqual([]);
      const back = await rowsOf(2);
      expect(
        Object.entries(back).filter(([, n]) => n === 0),
        'tables without the re-listed activity',
      ).toEqual([]);
      const incremental = await fingerprint();
      await dropTrainingTables();
      expect(await materialize()).toEqual([]);
      expect(await fingerprint()).toEqual(incremental);
      expect(await rowsOf(2)).toEqual(back);
    });

    it('without heart-rate zones the maximum is estimated: the highest reading of any stream', async () => {
      // last: the zone marts keep the old zones of activities whose streams did not change
      await runtime.warehouse.query('delete from raw.strava_athlete_zones');
      expect(await materialize()).toEqual([]);
      // run 2 by hand: max 165 (its highest reading, the highest of all), rest 60: HRr = 90/105 and
      // 1, TRIMP = 15 x 0.857143 x 0.64 x e^(1.92 x 0.857143) + 15 x 0.64 x e^1.92
      const [run] = await q<{ t: string; max: string; method: string }>(
        'select heart_rate_trimp as t, max_heart_rate_bpm as max, max_heart_rate_method as method from marts.fct_activity_training_load where activity_id = 2',
      );
      expect([Number(run!.max), run!.method]).toEqual([165, 'highest_stream_reading']);
      expect(Number(run!.t)).toBeCloseTo(108.144, 3);
    });
  });
}
