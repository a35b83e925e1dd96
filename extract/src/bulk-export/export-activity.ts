/** A bulk-export row converted to SummaryActivity field names and units, marked `_source: 'bulk_export'`. */
export type ExportSummaryActivity = Record<string, unknown> & {
  readonly id: number;
  readonly start_date: string;
  readonly _source: 'bulk_export';
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parses an export date: `Oct 5, 2014, 4:15:21 PM` (UTC; newer exports put a narrow no-break space
 * before AM/PM) or an ISO date-time with `T` or a space, zone optional (old exports; UTC without). Returns an ISO UTC instant without milliseconds
 * (`2014-10-05T16:15:21Z`, as the API writes it), or `undefined` when unreadable.
 */
export function parseExportDate(value: string): string | undefined {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)$/.exec(value.trim());
  let ms: number;
  if (m) {
    const month = MONTHS.indexOf(m[1]!);
    if (month < 0) return undefined;
    const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
    ms = Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6]));
  } else {
    // `2014-09-12 16:54:28` (ten-column 2018 exports, UTC) or ISO with T; the loader reads the same formats
    const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(
      value.trim(),
    );
    if (!iso) return undefined;
    ms = Date.parse(`${iso[1]}T${iso[2]}${iso[3] ?? 'Z'}`);
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : undefined;
}

const SPORT_TYPES: Record<string, string> = {
  'E-Bike Ride': 'EBikeRide',
  'E-Mountain Bike Ride': 'EMountainBikeRide',
  'Rock Climb': 'RockClimbing',
  Canoe: 'Canoeing',
  Kayak: 'Kayaking',
};

/** Strava's display name (`Nordic Ski`) to the API's `sport_type` (`NordicSki`). */
export function sportType(display: string): string {
  return SPORT_TYPES[display] ?? display.replace(/[^A-Za-z0-9]/g, '');
}

const number = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
};
const first = (row: Record<string, string>, ...names: string[]): string | undefined =>
  names.map((n) => row[n]).find((v) => v !== undefined && v.trim() !== '');

/**
 * Converts one row (modern Title Case columns or the legacy ten snake_case ones) to a
 * SummaryActivity-shaped record: metres, seconds, m/s, bpm, ISO instants. The SI repeat columns win
 * (`Distance (m)`, `Elapsed Time (2)`); the km `Distance` is the fallback (x 1000).
 * Returns a reason string instead when the row has no usable id or date.
 */
export function toSummaryActivity(row: Record<string, string>): ExportSummaryActivity | string {
  const id = number(first(row, 'Activity ID', 'id'));
  if (id === null || !Number.isInteger(id) || id <= 0)
    return `Activity ID "${first(row, 'Activity ID', 'id') ?? ''}" is not a positive integer`;
  const rawDate = first(row, 'Activity Date', 'date') ?? '';
  const startDate = parseExportDate(rawDate);
  if (!startDate) return `Activity Date "${rawDate}" is not a date`;
  const legacy = row['Activity ID'] === undefined;
  const distanceM = legacy
    ? number(row.distance)
    : (number(row['Distance (m)']) ?? ((number(row.Distance) ?? NaN) * 1000 || null));
  const elapsed = number(first(row, 'Elapsed Time (2)', 'Elapsed Time', 'elapsed_time'));
  const moving = number(first(row, 'Moving Time')) ?? elapsed;
  const display = first(row, 'Activity Type', 'type') ?? '';
  const averageHr = number(row['Average Heart Rate']);
  const totalWork = number(row['Total Work']);
  return {
    id,
    name: first(row, 'Activity Name', 'name') ?? '',
    description: first(row, 'Activity Description', 'description') ?? null,
    type: sportType(display),
    sport_type: sportType(display),
    start_date: startDate,
    distance: distanceM ?? 0,
    moving_time: moving === null ? 0 : Math.round(moving),
    elapsed_time: elapsed === null ? 0 : Math.round(elapsed),
    total_elevation_gain: number(row['Elevation Gain']),
    elev_high: number(row['Elevation High']),
    elev_low: number(row['Elevation Low']),
    average_speed: number(row['Average Speed']),
    max_speed: number(row['Max Speed']),
    average_cadence: number(row['Average Cadence']),
    has_heartrate: averageHr !== null,
    average_heartrate: averageHr,
    max_heartrate: number(first(row, 'Max Heart Rate (2)', 'Max Heart Rate')),
    average_watts: number(row['Average Watts']),
    max_watts: number(row['Max Watts']),
    weighted_average_watts: number(row['Weighted Average Power']),
    kilojoules: totalWork === null ? null : totalWork / 1000,
    calories: number(row.Calories),
    average_temp: number(row['Average Temperature']),
    commute: /^(true|1)$/i.test(first(row, 'Commute (2)', 'Commute', 'commute') ?? ''),
    gear_name: first(row, 'Activity Gear', 'gear') ?? null,
    external_file: first(row, 'Filename', 'filename') ?? null,
    _source: 'bulk_export',
  };
}
