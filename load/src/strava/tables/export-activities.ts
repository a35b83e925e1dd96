import type { RawTable } from '../../raw-table.js';
import { booleanOf, exportInstantOf, numberOf, textOf } from '../coerce.js';
import { STRAVA_DATASETS } from '../constants.js';

/**
 * Header of the newest bulk-export `activities.csv` known (99 columns, 2025-08); older exports
 * have a prefix of it (87, 94 columns). Duplicate headers come disambiguated by extract (a
 * suffix after the name), so a known name followed by ` (...)`, `_2`, ` 2` is known too.
 */
const EXPORT_HEADERS =
  `Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Moving Time,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,Long Run,For a Cause,Media`.split(
    ',',
  );

/**
 * The ten snake_case columns of legacy exports (`_export_vintage: 'legacy-10'`); extract lands them
 * as they are, so each typed column falls back to its legacy key (`id`, `date`, ...).
 */
const LEGACY_HEADERS = [
  'id',
  'date',
  'name',
  'type',
  'description',
  'elapsed_time',
  'distance',
  'commute',
  'gear',
  'filename',
];

/** The first of `keys` present in `row` (not undefined): a modern header, then its legacy name. */
function field(row: Readonly<Record<string, unknown>>, ...keys: string[]): unknown {
  for (const k of keys) if (row[k] !== undefined) return row[k];
  return undefined;
}

/** Known export fields, tolerant of extract's suffixes for duplicate headers. */
class ExportFields extends Set<string> {
  override has(field: string): boolean {
    return super.has(field) || super.has(field.replace(/( \(.*\)|_\d+| \d+)$/, ''));
  }
}

/**
 * `raw.strava_export_activities`: one row per activity of a bulk export (`activities.csv` row as
 * JSON, header names as keys; legacy exports' ten snake_case keys too), upserted by `activity_id`;
 * the newest export vintage loaded last wins. Typed columns come from unambiguous headers (`Moving Time` in seconds, `Elevation Gain` in
 * metres); the whole row, both `Distance` columns included, stays in `record`.
 */
export const STRAVA_EXPORT_ACTIVITIES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_export_activities',
  dataset: STRAVA_DATASETS.exportActivities,
  columns: [
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'start_date', type: 'timestamptz', required: true },
    { name: 'name', type: 'text' },
    { name: 'activity_type', type: 'text' },
    { name: 'description', type: 'text' },
    { name: 'moving_time_s', type: 'double precision' },
    { name: 'elevation_gain_m', type: 'double precision' },
    { name: 'average_heartrate_bpm', type: 'double precision' },
    { name: 'calories_kcal', type: 'double precision' },
    { name: 'commute', type: 'boolean' },
    { name: 'gear', type: 'text' },
    { name: 'filename', type: 'text' },
    { name: 'export_file', type: 'text' },
    { name: 'export_vintage', type: 'text' },
  ],
  key: ['activity_id'],
  knownFields: new ExportFields([...EXPORT_HEADERS, ...LEGACY_HEADERS, '_export_file', '_export_vintage']),
  explode(row) {
    const value = {
      activity_id: numberOf(field(row, 'Activity ID', 'id')),
      start_date: exportInstantOf(field(row, 'Activity Date', 'date')),
      name: textOf(field(row, 'Activity Name', 'name')),
      activity_type: textOf(field(row, 'Activity Type', 'type')),
      description: textOf(field(row, 'Activity Description', 'description')),
      moving_time_s: numberOf(row['Moving Time']),
      elevation_gain_m: numberOf(row['Elevation Gain']),
      average_heartrate_bpm: numberOf(row['Average Heart Rate']),
      calories_kcal: numberOf(row['Calories']),
      commute: booleanOf(field(row, 'Commute', 'commute')),
      gear: textOf(field(row, 'Activity Gear', 'gear')),
      filename: textOf(field(row, 'Filename', 'filename')),
      export_file: row._export_file,
      export_vintage:
        typeof row._export_vintage === 'number' ? String(row._export_vintage) : row._export_vintage,
    };
    return [{ value, json: JSON.stringify(row) }];
  },
});
