import type { RawTable } from '../raw-table.js';

/** Landing datasets of extract's activity-file inbox (`landing/files/activities`). */
export const FILES_LANDING_DATASETS = Object.freeze({
  activities: 'files/activities',
  ledger: 'files/inbox_ledger',
});

const count = (v: unknown) =>
  Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;

/**
 * `raw.files_activities`: one row per activity of a device file, upserted by `activity_id`
 * (negative for files without a Strava id): file, format, sport words, device and the counts of
 * sensors, swim lengths and developer fields; the whole detail (sensors, lengths, developer
 * field values) stays in `record`.
 */
export const FILES_ACTIVITIES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'files_activities',
  dataset: FILES_LANDING_DATASETS.activities,
  columns: [
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'file_name', type: 'text', required: true },
    { name: 'file_sha256', type: 'text', required: true },
    { name: 'format', type: 'text', required: true },
    { name: 'session_index', type: 'integer' },
    { name: 'session_count', type: 'integer' },
    { name: 'sport', type: 'text' },
    { name: 'sub_sport', type: 'text' },
    { name: 'sport_type', type: 'text' },
    { name: 'start_date', type: 'timestamptz', required: true },
    { name: 'elapsed_time_s', type: 'integer' },
    { name: 'moving_time_s', type: 'integer' },
    { name: 'distance_m', type: 'double precision' },
    { name: 'pool_length_m', type: 'double precision' },
    { name: 'length_count', type: 'integer' },
    { name: 'device_manufacturer', type: 'text', from: 'device.manufacturer' },
    { name: 'device_product', type: 'text' },
    { name: 'device_serial_number', type: 'bigint', from: 'device.serial_number' },
    { name: 'sensor_count', type: 'integer' },
    { name: 'developer_field_count', type: 'integer' },
    { name: 'taken_at', type: 'timestamptz' },
  ],
  key: ['activity_id'],
  knownFields: new Set([
    'activity_id',
    'file_name',
    'file_sha256',
    'taken_at',
    'stream_types',
    'format',
    'session_index',
    'session_count',
    'sport',
    'sub_sport',
    'sport_type',
    'start_date',
    'elapsed_time_s',
    'moving_time_s',
    'distance_m',
    'total_elevation_gain_m',
    'average_heartrate_bpm',
    'max_heartrate_bpm',
    'average_cadence_rpm',
    'average_watts',
    'calories_kcal',
    'average_speed_m_per_s',
    'max_speed_m_per_s',
    'start_latlng',
    'trainer',
    'pool_length_m',
    'lengths',
    'device',
    'sensors',
    'developer_fields',
  ]),
  explode(record) {
    const device = (record.device ?? {}) as Record<string, unknown>;
    const product = device.product_name ?? device.product;
    return [
      {
        value: {
          ...record,
          device_product: product === undefined || product === null ? null : String(product),
          length_count: count(record.lengths),
          sensor_count: count(record.sensors),
          developer_field_count: count(record.developer_fields),
        },
        json: JSON.stringify(record),
      },
    ];
  },
});

/** `raw.files_inbox_ledger`: one row per file the inbox took, upserted by `sha256`. */
export const FILES_INBOX_LEDGER_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'files_inbox_ledger',
  dataset: FILES_LANDING_DATASETS.ledger,
  columns: [
    { name: 'sha256', type: 'text', required: true },
    { name: 'name', type: 'text', required: true },
    { name: 'size_bytes', type: 'bigint' },
    { name: 'taken_at', type: 'timestamptz', required: true },
    { name: 'run_id', type: 'text' },
    { name: 'outcome', type: 'text', required: true },
    { name: 'reason', type: 'text' },
    { name: 'activity_count', type: 'integer' },
  ],
  key: ['sha256'],
  knownFields: new Set([
    'sha256',
    'name',
    'size_bytes',
    'taken_at',
    'run_id',
    'outcome',
    'reason',
    'activity_ids',
  ]),
  explode(record) {
    return [
      { value: { ...record, activity_count: count(record.activity_ids) }, json: JSON.stringify(record) },
    ];
  },
});
