import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDefinition } from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import { filesInboxAsset } from '@voyager/extract';
import { inboxLoadAssets, runSucceeded } from './inbox-load-assets.js';
import { buildDeveloperFieldFit, DEVELOPER_FIT, formPowerAt } from '../extract/test/support/developer-fit.js';
import { buildOtherFit, FIT_FILE_TYPE } from '../extract/test/support/fit-files.js';

// FIT developer fields through the inbox into raw (issue 15): no FIT in ../shared/data declares
// developer fields, so the test writes one with the Garmin FIT SDK's encoder. Its session field
// lands with its units in raw.files_activities, its record field as a stream in the points'
// `extra`, beside the device and the heart-rate strap; a monitoring file is skipped with its type.
let runtime: TestRuntime;
const { rawActivities, rawStreams, rawFileActivities, rawLedger } = inboxLoadAssets();
const run = (asset: AssetDefinition) => runSucceeded(runtime, asset);
const query = async (sql: string) => (await runtime.warehouse.query<Record<string, unknown>>(sql)).rows;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const inbox = join(runtime.home, 'inbox');
  await mkdir(inbox, { recursive: true });
  await writeFile(join(inbox, 'connect-iq.fit'), buildDeveloperFieldFit());
  await writeFile(join(inbox, 'monitoring.fit'), buildOtherFit(FIT_FILE_TYPE.monitoringB));
});
afterAll(async () => {
  await runtime?.close();
});

describe('a FIT file with developer fields, through landing into raw', () => {
  it('keeps the session developer field with its units, the device and the sensor', async () => {
    expect(await run(filesInboxAsset)).toMatchObject({ files_taken: 2, activities: 1, skipped: 1 });
    expect(await run(rawActivities!)).toMatchObject({ rows: 1, rejected_rows: 0 });
    expect(await run(rawFileActivities!)).toMatchObject({ rows: 1, rejected_rows: 0 });
    expect(
      await query(
        `select sport_type, developer_field_count, device_manufacturer, device_serial_number::text as serial,
                record->'device'->>'software_version' as software, sensor_count,
                record->'developer_fields' as developer_fields, record->'sensors' as sensors
         from raw.files_activities`,
      ),
    ).toEqual([
      {
        sport_type: 'Run',
        developer_field_count: 2,
        device_manufacturer: 'garmin',
        serial: String(DEVELOPER_FIT.serial),
        software: '4.1',
        sensor_count: 1,
        developer_fields: {
          'Form Power': { units: 'Watts', value: null }, // a record field: its values are a stream
          'Doughnuts Earned': { units: 'doughnuts', value: 3.5 },
        },
        sensors: [
          {
            device_index: 1,
            device_type: 'heart_rate',
            manufacturer: 'garmin',
            product: DEVELOPER_FIT.strap.product,
            serial_number: DEVELOPER_FIT.strap.serial,
            source_type: 'antplus',
            battery_status: 'good',
          },
        ],
      },
    ]);
  });

  it('keeps the record developer field as a stream, point by point', async () => {
    expect(await run(rawStreams!)).toMatchObject({ rows: 60, rejected_rows: 0 });
    const points = await query(
      `select time_s::int as t, (extra->>'dev_Form Power')::int as form_power, heartrate_bpm::int as hr
       from raw.strava_activity_streams order by point_index`,
    );
    expect(points).toHaveLength(DEVELOPER_FIT.seconds / 10);
    expect(points.map((p) => p.form_power)).toEqual(points.map((p) => formPowerAt(p.t as number)));
    expect(points[6]).toEqual({ t: 60, form_power: 201, hr: 140 });
  });

  it('reports the monitoring file as skipped with its type in the ledger, not as corrupt', async () => {
    expect(await run(rawLedger!)).toMatchObject({ rows: 2, rejected_rows: 0 });
    expect(await query('select name, outcome, reason from raw.files_inbox_ledger order by name')).toEqual([
      { name: 'connect-iq.fit', outcome: 'landed', reason: null },
      { name: 'monitoring.fit', outcome: 'skipped', reason: 'FIT file type monitoring_b, not an activity' },
    ]);
  });
});
