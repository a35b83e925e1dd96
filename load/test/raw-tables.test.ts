import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset, writeLandingBatch, type AssetDefinition } from '@voyager/orchestration';
import {
  createTestRuntime,
  runAssetOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { allActivities, fixture } from './fixtures.js';

type Json = Record<string, unknown>;

/** Sum of the second `Distance` column (metres) over the 1,122 rows of activities_2023-10-25.csv (csv module, Python). */
const DISTANCE_M_TOTAL = 29711012.4;

/**
 * The 2023 bulk export as extract lands it (extract/README.md, "Header rules"): names trimmed, BOM
 * removed; the second `Distance` (metres) becomes `Distance (m)`, any other repeat ` (2)`, ` (3)`...
 */
function exportRows(): Json[] {
  const text = readFileSync(sharedData('strava-bulk-export/activities_2023-10-25.csv'), 'utf8');
  const rows = parse(text, {
    columns: (header: string[]) => {
      const seen = new Map<string, number>();
      return header.map((raw) => {
        const h = raw.replace(/^\uFEFF/, '').trim();
        const n = (seen.get(h) ?? 0) + 1;
        seen.set(h, n);
        if (n === 1) return h;
        return h === 'Distance' && n === 2 ? 'Distance (m)' : `${h} (${n})`;
      });
    },
  }) as Json[];
  return rows.map((r) => ({ ...r, _export_file: 'activities.csv', _export_vintage: '87-columns' }));
}

describe('every raw table on real Postgres', () => {
  let runtime: TestRuntime;
  const assets = new Map<string, AssetDefinition>(
    createStravaLoadAssets({
      activities: externalAsset('landing/strava/activities'),
      activityDetails: externalAsset('landing/strava/activity_details'),
      activityStreams: externalAsset('landing/strava/activity_streams'),
      athlete: externalAsset('landing/strava/athlete'),
      athleteZones: externalAsset('landing/strava/athlete_zones'),
      athleteStats: externalAsset('landing/strava/athlete_stats'),
    }).map((a) => [a.key, a]),
  );
  const run = async (key: string) => {
    const outcome = await runAssetOnce(runtime, assets.get(key)!);
    expect(outcome.status, outcome.error).toBe('success');
    return outcome.metadata;
  };
  const query = async (sql: string) => (await runtime.warehouse.query(sql)).rows as Json[];

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const land = (dataset: string, records: unknown[]) =>
      writeLandingBatch(runtime.landing, { dataset, runId: 'extract-1', records });
    const ride = fixture<Json>('client__activity.json');
    const run = fixture<Json>('models-detailed-run.json');
    await land('strava/activity_details', [ride, run]);
    const goStreams = fixture<unknown[]>('go-strava-activity_stream.json');
    await land('strava/activity_streams', [
      {
        activity_id: ride.id,
        synthetic: false,
        source: 'api',
        streams: fixture('client__activity_streams.json'),
      },
      { activity_id: 103221154, synthetic: false, source: 'api', streams: goStreams },
    ]);
    const athlete = fixture<Json>('client__athlete.json');
    await land('strava/athlete', [athlete]);
    await land('strava/athlete_zones', [
      { athlete_id: athlete.id, ...fixture<Json>('client__athlete_zones.json') },
    ]);
    await land('strava/export_activities', exportRows());
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('declares every load asset with its upstream dep and the rejected_rows_ratio check', () => {
    expect([...assets.keys()].sort()).toMatchSnapshot();
    expect(assets.get('raw/strava_laps')!.deps.map((d) => d.key)).toEqual([
      'landing/strava/activity_details',
    ]);
    expect(assets.get('raw/strava_export_activities')!.deps).toEqual([]);
    const deps = (key: string) => assets.get(key)!.deps.map((d) => d.key);
    expect(deps('raw/strava_activity_deletions')).toEqual([
      'landing/strava/activities',
      'raw/strava_activities',
    ]);
    expect(deps('raw/strava_athlete_stats')).toEqual(['landing/strava/athlete_stats']);
    expect(deps('raw/rejected_rows')).toEqual([
      'landing/strava/activities',
      'landing/strava/activity_details',
      'landing/strava/activity_streams',
      'landing/strava/athlete',
    ]);
    for (const a of assets.values()) expect(a.group).toBe('strava');
    for (const a of assets.values()) expect(a.checks.map((c) => c.name)).toEqual(['rejected_rows_ratio']);
  });

  it('raw.strava_activity_details, raw.strava_laps, raw.strava_best_efforts from DetailedActivity', async () => {
    expect(await run('raw/strava_activity_details')).toMatchObject({
      rows: 2,
      rejected_rows: 0,
      new_fields: [],
    });
    expect(await run('raw/strava_laps')).toMatchObject({ rows: 2, rejected_rows: 0, new_fields: [] });
    expect(await run('raw/strava_best_efforts')).toMatchObject({
      rows: 24,
      rejected_rows: 0,
      new_fields: [],
    });
    const [detail] = await query(
      `select calories_kcal, device_name, lap_count, best_effort_count, distance_m, (record ? 'segment_efforts') as has_efforts
         from raw.strava_activity_details where activity_id = 1946417534`,
    );
    expect(detail).toMatchObject({
      lap_count: 1,
      best_effort_count: 13,
      distance_m: 42268.1,
      has_efforts: true,
    });
    const [lap] = await query(
      `select activity_id::text, lap_index, distance_m, elapsed_time_s, average_heartrate_bpm from raw.strava_laps where lap_id = 6270116916`,
    );
    expect(lap).toEqual({
      activity_id: '1946417534',
      lap_index: 1,
      distance_m: 42882.9,
      elapsed_time_s: 13306,
      average_heartrate_bpm: 170.1,
    });
    const [marathon] = await query(
      `select name, distance_m, elapsed_time_s, pr_rank from raw.strava_best_efforts where best_effort_id = 17368955626`,
    );
    expect(marathon).toEqual({ name: 'Marathon', distance_m: 42195, elapsed_time_s: 13322, pr_rank: 1 });
  });

  it("a simulator detail's synthetic marker is a column, not drift; the re-landed activity is upserted", async () => {
    const ride = fixture<Json>('client__activity.json');
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_details',
      runId: 'sim-1',
      records: [{ ...ride, synthetic: true }],
    });
    expect(await run('raw/strava_activity_details')).toMatchObject({
      rows: 1,
      objects_loaded: 1,
      new_fields: [],
    });
    expect(
      await query('select activity_id::text, synthetic from raw.strava_activity_details order by 1'),
    ).toEqual([
      { activity_id: '1477353766', synthetic: null },
      { activity_id: '1946417534', synthetic: true },
    ]);
  });

  it('raw.strava_activity_streams: one row per point, key_by_type and array form', async () => {
    expect(await run('raw/strava_activity_streams')).toMatchObject({
      rows: 13129 + 999,
      rejected_rows: 0,
      new_fields: [],
    });
    const counts = await query(
      `select activity_id::text, count(*)::int as n, max(point_index) as last from raw.strava_activity_streams group by 1 order by 1`,
    );
    expect(counts).toEqual([
      { activity_id: '103221154', n: 999, last: 998 },
      { activity_id: '1946417534', n: 13129, last: 13128 },
    ]);
    const [p] = await query(
      `select time_s, lat, lng, distance_m, altitude_m, heartrate_bpm, cadence_rpm, watts, moving, velocity_smooth_m_per_s
         from raw.strava_activity_streams where activity_id = 103221154 and point_index = 1`,
    );
    expect(p).toEqual({
      time_s: null,
      lat: 38.546876,
      lng: -121.817203,
      distance_m: null,
      altitude_m: null,
      heartrate_bpm: null,
      cadence_rpm: 81,
      watts: 168,
      moving: true,
      velocity_smooth_m_per_s: 8.6,
    });
  });

  it('raw.strava_athlete and raw.strava_athlete_zones', async () => {
    expect(await run('raw/strava_athlete')).toMatchObject({ rows: 1, new_fields: [] });
    expect(await run('raw/strava_athlete_zones')).toMatchObject({ rows: 5, new_fields: [] });
    expect(
      await query(
        'select athlete_id::text, username, weight_kg, measurement_preference from raw.strava_athlete',
      ),
    ).toEqual([
      { athlete_id: '26462176', username: 'dblockdotorg', weight_kg: 95.255, measurement_preference: 'feet' },
    ]);
    const zones = await query(
      `select zone_type, zone_index, min_value, max_value from raw.strava_athlete_zones order by zone_index`,
    );
    expect(zones.map((z) => [z.zone_index, z.min_value, z.max_value])).toEqual([
      [1, 0, 111],
      [2, 111, 139],
      [3, 139, 152],
      [4, 152, 166],
      [5, 166, -1],
    ]);
  });

  it('raw.strava_export_activities from the real 87-column activities.csv', async () => {
    const metadata = await run('raw/strava_export_activities');
    expect(metadata).toMatchObject({ rows: 1122, rejected_rows: 0 });
    // real drift in Strava's 2023 export: untranslated headers (`<span class="translation_missing" ...>Total Steps</span>`)
    const newFields = metadata.new_fields as string[];
    expect(newFields).toHaveLength(12);
    for (const f of newFields) expect(f).toMatch(/^<span class="translation_missing".*<\/span>$/);
    const [first] = await query(
      `select name, activity_type, start_date, moving_time_s, (record->>'Distance')::float as distance_km,
              (record->>'Distance (m)')::float as distance_m, record ? 'Distance (2)' as has_suffixed_distance
         from raw.strava_export_activities where activity_id = 203707851`,
    );
    // activities.csv row 203707851: Distance 13.61 (km), second Distance 13609.2001953125 (m)
    expect(first).toMatchObject({
      name: 'Lunch Ride',
      activity_type: 'Ride',
      distance_km: 13.61,
      distance_m: 13609.2001953125,
      has_suffixed_distance: false,
    });
    const [total] = await query(
      `select count(*)::int as n, round(sum((record->>'Distance (m)')::float)::numeric, 1)::float as distance_m
         from raw.strava_export_activities`,
    );
    expect(total).toEqual({ n: 1122, distance_m: DISTANCE_M_TOTAL });
    expect((first!.start_date as Date).toISOString()).toBe('2014-10-05T16:15:21.000Z');
  });

  it('raw.strava_athlete_stats: one row per athlete, totals in metres and seconds', async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/athlete_stats',
      runId: 'extract-1',
      records: [{ athlete_id: 26462176, ...fixture<Json>('client__athlete_stats.json') }],
    });
    expect(await run('raw/strava_athlete_stats')).toMatchObject({
      rows: 1,
      rejected_rows: 0,
      new_fields: [],
    });
    expect(
      await query(
        `select athlete_id::text, all_run_count, all_run_distance_m, all_run_moving_time_s, all_swim_distance_m,
                ytd_run_elapsed_time_s, recent_run_elevation_gain_m, record ? 'ytd_swim_totals' as kept
           from raw.strava_athlete_stats`,
      ),
    ).toEqual([
      {
        athlete_id: '26462176',
        all_run_count: 905,
        all_run_distance_m: 9392637.799999984,
        all_run_moving_time_s: 3176916,
        all_swim_distance_m: 182899.10000000003,
        ytd_run_elapsed_time_s: 484126,
        recent_run_elevation_gain_m: 1639,
        kept: true,
      },
    ]);
  });

  it('raw/strava_activity_deletions sets raw.strava_activities.deleted_at; a re-listing clears it', async () => {
    const [a, b] = allActivities().slice(0, 2) as [Json, Json];
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'list-1',
      records: [a, b],
    });
    await run('raw/strava_activities');
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_deletions',
      runId: 'relist-1',
      records: [{ activity_id: a.id, detected_at: '2025-10-21T06:00:00.000Z' }],
    });
    expect(await run('raw/strava_activity_deletions')).toMatchObject({
      rows: 1,
      rejected_rows: 0,
      new_fields: [],
    });
    const deletedAt = async () =>
      Object.fromEntries(
        (await query('select activity_id::text as id, deleted_at from raw.strava_activities')).map((r) => [
          r.id,
          r.deleted_at && (r.deleted_at as Date).toISOString(),
        ]),
      );
    expect(await deletedAt()).toEqual({ [String(a.id)]: '2025-10-21T06:00:00.000Z', [String(b.id)]: null });
    // the ledger skips the loaded deletion: a re-run changes nothing
    expect(await run('raw/strava_activity_deletions')).toMatchObject({ rows: 0, objects_skipped: 1 });
    await writeLandingBatch(runtime.landing, { dataset: 'strava/activities', runId: 'list-2', records: [a] });
    expect(await run('raw/strava_activities')).toMatchObject({ rows: 1, objects_skipped: 1 });
    expect(await deletedAt()).toEqual({ [String(a.id)]: null, [String(b.id)]: null });
    expect(await query('select activity_id::text as id from raw.strava_activity_deletions')).toEqual([
      { id: String(a.id) },
    ]);
  });

  it('raw/rejected_rows loads strava/quarantine: target table, reason from extract, source object and line, payload', async () => {
    const quarantined = (dataset: string, reason: string, record: unknown) => ({
      dataset,
      reason,
      record,
      run_id: 'extract-2',
      detected_at: '2025-10-20T08:00:00.000Z',
    });
    const records = [
      quarantined('strava/activities', 'distance: Invalid input: expected number, received string', {
        id: 7,
        distance: 'far',
      }),
      quarantined('strava/export_activities', 'Activity ID "not-an-id" is not a positive integer', {
        id: 'not-an-id',
        _export_vintage: 'legacy-10',
      }),
    ];
    await writeLandingBatch(runtime.landing, { dataset: 'strava/quarantine', runId: 'extract-2', records });
    expect(await run('raw/rejected_rows')).toMatchObject({ rows: 2, rejected_rows: 0, new_fields: [] });
    const rejected = async () =>
      query(
        `select target_table, source_object, line::int, reason, payload::jsonb as payload from raw.rejected_rows
          where source_object like 'strava/quarantine/%' order by line`,
      );
    const rows = await rejected();
    expect(rows.map((r) => [r.target_table, r.line, r.reason, r.payload])).toEqual(
      records.map((r, i) => [r.dataset.replace('/', '_'), i + 1, r.reason, r.record]),
    );
    expect(rows[0]!.source_object).toMatch(/^strava\/quarantine\/ingest_date=.*\/part-00001\.ndjson\.gz$/);
    expect(await run('raw/rejected_rows')).toMatchObject({ rows: 0, objects_skipped: 1 });
    expect(await rejected()).toHaveLength(2);
  });
});
