import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sharedData } from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// Issue 15's "done when": on a fresh home, `npm start` (voyager materialize) after dropping the
// sample device files into the inbox ends with every activity once in marts.fct_activities, its
// sources listed, and weather for every activity with a position; a second `npm start` takes no
// file twice and makes no weather request twice. The Strava side is the simulator on the recorded
// responses (1,132 activities, none on the days of these files); the files are the real Garmin
// FIT samples and the real Garmin TCX of ../shared/data (copied into a temp inbox, never committed).
let env: Record<string, string>;
let home: string;
interface Outcome {
  readonly assetKey: string;
  readonly status: string;
  readonly metadata: Record<string, unknown>;
}
const materialize = async () => {
  const run = await runVoyager(['materialize', '--json'], env);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  const outcomes = (JSON.parse(run.stdout) as { outcomes: Outcome[] }).outcomes;
  return { stderr: run.stderr, outcome: (key: string) => outcomes.find((o) => o.assetKey === key)! };
};
const sql = async <T>(query: string): Promise<T[]> => {
  const res = await runVoyager(['sql', query, '--json'], env);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as T[];
};
// every activity of fct_activities, whether its raw record has a start position, and its weather
const WEATHER_COVERAGE = `
  select count(*)::int as activities,
         count(distinct a.activity_id)::int as ids,
         count(*) filter (where jsonb_typeof(r.record->'start_latlng') = 'array'
                            and jsonb_array_length(r.record->'start_latlng') = 2)::int as with_position,
         count(w.activity_id)::int as with_weather
  from marts.fct_activities as a
  join raw.strava_activities as r using (activity_id)
  left join marts.fct_activity_weather as w using (activity_id)`;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-start-inbox-'));
  await chmod(home, 0o755);
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
  // the default inbox, $VOYAGER_HOME/inbox: two watch files in a folder, a TCX, and a truncated FIT
  const samples = sharedData('strava-bulk-export/activity-file-samples');
  const inbox = join(home, 'inbox');
  await mkdir(join(inbox, 'garmin'), { recursive: true });
  await copyFile(join(samples, 'garmin-fenix-5-run.fit'), join(inbox, 'garmin', 'run.fit'));
  await copyFile(join(samples, 'garmin-edge-820-bike.fit'), join(inbox, 'garmin', 'bike.fit'));
  await copyFile(sharedData('strava-api-v3/files/17611540601.tcx'), join(inbox, 'run.tcx'));
  await copyFile(join(samples, 'strava-android-app-201.10-b1218918.fit'), join(inbox, 'app.fit'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('npm start with device files in the inbox', () => {
  it('takes the files, quarantines the truncated one, and shows the activities once in fct_activities with their sources and weather', async () => {
    const run = await materialize();
    expect(run.stderr).toMatch(/local Open-Meteo simulator/);
    expect(run.outcome('landing/files/activities')).toMatchObject({
      status: 'success',
      metadata: { files_taken: 4, activities: 3, quarantined: 1 },
    });
    expect(
      await sql(
        'select sport_type, record_source, sources, streams_source, source_count::int as n, activity_name from marts.fct_activities where activity_id < 0 order by started_at',
      ),
    ).toEqual([
      {
        sport_type: 'Run',
        record_source: 'fit',
        sources: 'fit',
        streams_source: 'fit',
        n: 1,
        activity_name: 'Run (run.fit)',
      },
      {
        sport_type: 'Ride',
        record_source: 'fit',
        sources: 'fit',
        streams_source: 'fit',
        n: 1,
        activity_name: 'Ride (bike.fit)',
      },
      {
        sport_type: 'Run',
        record_source: 'tcx',
        sources: 'tcx',
        streams_source: 'tcx',
        n: 1,
        activity_name: 'Run (run.tcx)',
      },
    ]);
    expect(
      await sql(
        "select file_name, match_rule, is_canonical from marts.fct_activity_sources where record_source in ('fit', 'tcx') order by file_name",
      ),
    ).toEqual([
      { file_name: 'garmin/bike.fit', match_rule: 'self', is_canonical: true },
      { file_name: 'garmin/run.fit', match_rule: 'self', is_canonical: true },
      { file_name: 'run.tcx', match_rule: 'self', is_canonical: true },
    ]);
    expect(await sql('select name, outcome from raw.files_inbox_ledger order by name')).toEqual([
      { name: 'app.fit', outcome: 'quarantined' },
      { name: 'garmin/bike.fit', outcome: 'landed' },
      { name: 'garmin/run.fit', outcome: 'landed' },
      { name: 'run.tcx', outcome: 'landed' },
    ]);
    // 1,132 Strava activities and the 3 of the files, each once; weather for each with a position
    expect(await sql(WEATHER_COVERAGE)).toEqual([
      { activities: 1135, ids: 1135, with_position: 968, with_weather: 968 },
    ]);
  }, 600_000);

  it('a second npm start takes no file twice and requests no weather twice', async () => {
    const run = await materialize();
    expect(run.outcome('landing/files/activities').metadata).toMatchObject({
      files_taken: 0,
      files_known: 4,
      activities: 0,
    });
    expect(run.outcome('landing/open_meteo/activity_weather').metadata).toMatchObject({ requests: 0 });
    expect(await sql(WEATHER_COVERAGE)).toEqual([
      { activities: 1135, ids: 1135, with_position: 968, with_weather: 968 },
    ]);
  }, 600_000);
});
