import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset, writeLandingBatch } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { exportInstantOf } from '@voyager/load/testing';

/** The first row of extract's legacy export (written by `extract/test/support/legacy-export.ts`), as extract lands it. */
const LEGACY_ROW = {
  id: '1001',
  date: '2013-06-11T14:34:09Z',
  name: 'Morning Run',
  type: 'Run',
  description: 'Easy loop, "quoted", with a comma\nand a second line 🏃',
  elapsed_time: '57',
  distance: '157.6',
  commute: 'false',
  gear: 'Old shoes',
  filename: 'activities/1001.fit.gz',
  _export_file: 'export_12345/activities.csv',
  _export_vintage: 'legacy-10',
};

/** What extract's `toSummaryActivity` lands in `strava/activities` for a modern export row. */
const CONVERTED = {
  id: 203707851,
  name: 'Lunch Ride',
  description: null,
  type: 'Ride',
  sport_type: 'Ride',
  start_date: '2014-10-05T16:15:21Z',
  distance: 13609.2001953125,
  moving_time: 2744,
  elapsed_time: 3122,
  has_heartrate: false,
  commute: false,
  calories: 312,
  gear_name: 'Trek',
  external_file: 'activities/224139009.gpx',
  _source: 'bulk_export',
};

describe('bulk-export rows: legacy keys, U+202F dates, converted summaries', () => {
  let runtime: TestRuntime;
  const assets = createStravaLoadAssets({ activities: externalAsset('landing/strava/activities') });
  const run = async (key: string) => {
    const outcome = await runAssetOnce(
      runtime,
      assets.find((a) => a.key === key)!,
    );
    expect(outcome.status, outcome.error).toBe('success');
    return outcome.metadata;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('parses export dates with a narrow no-break space (U+202F) or any whitespace before AM/PM', () => {
    expect(exportInstantOf('Oct 5, 2014, 4:15:21\u202fPM')).toBe('2014-10-05T16:15:21.000Z');
    expect(exportInstantOf('Oct 5, 2014, 4:15:21 PM')).toBe('2014-10-05T16:15:21.000Z');
    expect(exportInstantOf('Oct 5, 2014, 4:15:21PM')).toBe('2014-10-05T16:15:21.000Z');
    expect(exportInstantOf('Jan 1, 2020, 12:05:00\u00a0AM')).toBe('2020-01-01T00:05:00.000Z');
  });

  it('loads a legacy (ten snake_case columns) row and a modern row dated with U+202F, without drift', async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/export_activities',
      runId: 'import-1',
      records: [
        LEGACY_ROW,
        {
          'Activity ID': '203707851',
          'Activity Date': 'Oct 5, 2014, 4:15:21\u202fPM',
          'Activity Name': 'Lunch Ride',
          'Activity Type': 'Ride',
          Distance: '13.61',
          'Distance (m)': '13609.2001953125',
          _export_file: 'activities.csv',
          _export_vintage: '99-columns',
        },
      ],
    });
    expect(await run('raw/strava_export_activities')).toMatchObject({
      rows: 2,
      rejected_rows: 0,
      new_fields: [],
    });
    const { rows } = await runtime.warehouse.query(
      `select activity_id::text, start_date, name, activity_type, description, commute, gear, filename, export_vintage,
              (record->>'distance')::float as legacy_distance_m, (record->>'Distance (m)')::float as distance_m
         from raw.strava_export_activities order by activity_id`,
    );
    expect(rows).toEqual([
      {
        activity_id: '1001',
        start_date: new Date('2013-06-11T14:34:09Z'),
        name: 'Morning Run',
        activity_type: 'Run',
        description: LEGACY_ROW.description,
        commute: false,
        gear: 'Old shoes',
        filename: 'activities/1001.fit.gz',
        export_vintage: 'legacy-10',
        legacy_distance_m: 157.6,
        distance_m: null,
      },
      expect.objectContaining({
        activity_id: '203707851',
        start_date: new Date('2014-10-05T16:15:21Z'),
        distance_m: 13609.2001953125,
      }),
    ]);
  });

  it("a converted summary's description, calories, gear_name and external_file are not reported as drift", async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'import-1',
      records: [CONVERTED],
    });
    expect(await run('raw/strava_activities')).toMatchObject({ rows: 1, rejected_rows: 0, new_fields: [] });
    const { rows } = await runtime.warehouse.query(
      `select distance_m, source from raw.strava_activities where activity_id = 203707851`,
    );
    expect(rows).toEqual([{ distance_m: 13609.2001953125, source: 'bulk_export' }]);
  });
});
