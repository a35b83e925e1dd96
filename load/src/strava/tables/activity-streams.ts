import type { RawRow, RawTable } from '../../raw-table.js';
import { objectOf } from '../coerce.js';
import { STRAVA_DATASETS } from '../constants.js';

/**
 * Stream types of GET /activities/{id}/streams and their columns (units in names):
 * https://developers.strava.com/docs/reference/#api-models-StreamSet. `latlng` becomes `lat`/`lng`.
 */
export const STREAM_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  time: 'time_s',
  distance: 'distance_m',
  altitude: 'altitude_m',
  velocity_smooth: 'velocity_smooth_m_per_s',
  heartrate: 'heartrate_bpm',
  cadence: 'cadence_rpm',
  watts: 'watts',
  temp: 'temp_c',
  moving: 'moving',
  grade_smooth: 'grade_smooth_pct',
});
const KNOWN_STREAMS = new Set([...Object.keys(STREAM_COLUMNS), 'latlng']);

/** The `data` arrays of a stream set, key_by_type (`{ time: { data } }`) or array form (`[{ type, data }]`). */
function streamData(streams: unknown): Map<string, readonly unknown[]> {
  const out = new Map<string, readonly unknown[]>();
  const entries = Array.isArray(streams)
    ? streams.map((s, i) => {
        const o = objectOf(s, `streams[${i}]`);
        return [String(o.type), o] as const;
      })
    : Object.entries(objectOf(streams, 'streams')).map(
        ([type, s]) => [type, objectOf(s, `streams.${type}`)] as const,
      );
  for (const [type, stream] of entries) {
    if (!Array.isArray(stream.data)) throw new Error(`streams.${type}.data: expected an array`);
    out.set(type, stream.data);
  }
  return out;
}

/** Column order of {@link STRAVA_ACTIVITY_STREAMS_TABLE}; `points` fills `values` in this order. */
const POINT_COLUMNS = [
  'activity_id',
  'point_index',
  'time_s',
  'lat',
  'lng',
  'distance_m',
  'altitude_m',
  'velocity_smooth_m_per_s',
  'heartrate_bpm',
  'cadence_rpm',
  'watts',
  'temp_c',
  'moving',
  'grade_smooth_pct',
  'synthetic',
  'stream_source',
  'extra',
] as const;
const LAT = POINT_COLUMNS.indexOf('lat');

/** One row per point (as `values` in column order): the known streams at index i, unknown streams in `extra`. */
function* points(record: Readonly<Record<string, unknown>>): Generator<RawRow> {
  const activityId = record.activity_id;
  if (activityId === undefined || activityId === null)
    throw new Error('activity_id: required field "activity_id" is missing');
  const data = streamData(record.streams);
  const known = [...data]
    .filter(([type]) => type in STREAM_COLUMNS)
    .map(
      ([type, d]) =>
        [POINT_COLUMNS.indexOf(STREAM_COLUMNS[type] as (typeof POINT_COLUMNS)[number]), d] as const,
    );
  const unknown = [...data].filter(([type]) => !KNOWN_STREAMS.has(type));
  const latlng = data.get('latlng');
  let length = 0;
  for (const d of data.values()) length = Math.max(length, d.length);
  for (let i = 0; i < length; i++) {
    const values: unknown[] = [
      activityId,
      i,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      record.synthetic,
      record.source,
      null,
    ];
    for (const [column, d] of known) values[column] = d[i];
    const position = latlng?.[i];
    if (Array.isArray(position)) {
      values[LAT] = position[0];
      values[LAT + 1] = position[1];
    } else if (position !== undefined && position !== null) {
      values[LAT] = position; // not a [lat, lng] pair: validation rejects the point with this value
    }
    if (unknown.length > 0)
      values[POINT_COLUMNS.length - 1] = Object.fromEntries(unknown.map(([type, d]) => [type, d[i] ?? null]));
    yield { values };
  }
}

/**
 * `raw.strava_activity_streams`: one row per stream point of an activity (index `point_index`),
 * an activity's points replaced as a whole on every load (a bulk table: COPY straight in, no
 * staging). No `record` column (it would repeat the whole stream set per point): unknown stream
 * types land in `extra` jsonb.
 */
export const STRAVA_ACTIVITY_STREAMS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_activity_streams',
  dataset: STRAVA_DATASETS.activityStreams,
  columns: [
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'point_index', type: 'integer', required: true },
    { name: 'time_s', type: 'double precision' },
    { name: 'lat', type: 'double precision' },
    { name: 'lng', type: 'double precision' },
    { name: 'distance_m', type: 'double precision' },
    { name: 'altitude_m', type: 'double precision' },
    { name: 'velocity_smooth_m_per_s', type: 'double precision' },
    { name: 'heartrate_bpm', type: 'double precision' },
    { name: 'cadence_rpm', type: 'double precision' },
    { name: 'watts', type: 'double precision' },
    { name: 'temp_c', type: 'double precision' },
    { name: 'moving', type: 'boolean' },
    { name: 'grade_smooth_pct', type: 'double precision' },
    { name: 'synthetic', type: 'boolean' },
    { name: 'stream_source', type: 'text' },
    { name: 'extra', type: 'jsonb' },
  ],
  key: ['activity_id', 'point_index'],
  replaceBy: 'activity_id',
  keepRecord: false,
  bulk: true,
  knownFields: new Set(['activity_id', 'synthetic', 'source', 'streams']),
  driftFields(record) {
    const streams = record.streams;
    if (streams === null || typeof streams !== 'object') return [];
    const types = Array.isArray(streams)
      ? streams.map((s) => String((s as { type?: unknown })?.type))
      : Object.keys(streams);
    return types.filter((t) => !KNOWN_STREAMS.has(t)).map((t) => `streams.${t}`);
  },
  explode: points,
});

// `points` fills values by position: the table's columns must stay in POINT_COLUMNS order
if (STRAVA_ACTIVITY_STREAMS_TABLE.columns.map((c) => c.name).join() !== POINT_COLUMNS.join()) {
  throw new Error('STRAVA_ACTIVITY_STREAMS_TABLE columns are out of POINT_COLUMNS order');
}
