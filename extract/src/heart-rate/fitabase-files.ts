import { parse } from 'csv-parse/sync';
import type { HeartRateSample } from './schemas.js';
import { isoDate, parseFitabaseTime } from './fitbit-time.js';

/** A row a parser could not use: its 1-based line in the file and why. */
export interface ProblemRow {
  readonly line: number;
  readonly reason: string;
  readonly row: string;
}

/** The parsed content of one Fitabase CSV. */
export type FitabaseFile =
  | { readonly kind: 'heart_rate'; readonly samples: HeartRateSample[]; readonly problems: ProblemRow[] }
  | {
      readonly kind: 'daily_activity' | 'sleep_days' | 'weight_logs';
      readonly records: Record<string, unknown>[];
      readonly problems: ProblemRow[];
    }
  | { readonly kind: 'unused'; readonly header: string };

const num = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** Header of each Fitabase export Voyager reads (https://zenodo.org/records/53894, `*_merged.csv`). */
const HEADERS = {
  heart_rate: 'Id,Time,Value',
  daily_activity:
    'Id,ActivityDate,TotalSteps,TotalDistance,TrackerDistance,LoggedActivitiesDistance,VeryActiveDistance,ModeratelyActiveDistance,LightActiveDistance,SedentaryActiveDistance,VeryActiveMinutes,FairlyActiveMinutes,LightlyActiveMinutes,SedentaryMinutes,Calories',
  sleep_days: 'Id,SleepDay,TotalSleepRecords,TotalMinutesAsleep,TotalTimeInBed',
  weight_logs: 'Id,Date,WeightKg,WeightPounds,Fat,BMI,IsManualReport,LogId',
} as const;

/** Columns of each daily export as landed (snake_case, units in names), by CSV header name. */
const RENAMES: Record<'daily_activity' | 'sleep_days' | 'weight_logs', Record<string, string>> = {
  daily_activity: {
    TotalSteps: 'total_steps',
    TotalDistance: 'total_distance_km',
    TrackerDistance: 'tracker_distance_km',
    LoggedActivitiesDistance: 'logged_activities_distance_km',
    VeryActiveDistance: 'very_active_distance_km',
    ModeratelyActiveDistance: 'moderately_active_distance_km',
    LightActiveDistance: 'light_active_distance_km',
    SedentaryActiveDistance: 'sedentary_active_distance_km',
    VeryActiveMinutes: 'very_active_min',
    FairlyActiveMinutes: 'fairly_active_min',
    LightlyActiveMinutes: 'lightly_active_min',
    SedentaryMinutes: 'sedentary_min',
    Calories: 'calories_kcal',
  },
  sleep_days: {
    TotalSleepRecords: 'sleep_records',
    TotalMinutesAsleep: 'minutes_asleep',
    TotalTimeInBed: 'minutes_in_bed',
  },
  weight_logs: { WeightKg: 'weight_kg', Fat: 'fat_pct', BMI: 'bmi', LogId: 'log_id' },
};
const DATE_COLUMN = { daily_activity: 'ActivityDate', sleep_days: 'SleepDay', weight_logs: 'Date' } as const;

/**
 * Parses one Fitabase export by its header: per-second heart rate (`Id,Time,Value`, device
 * `fitabase-<Id>`), daily activity, sleep days or weight logs (one record per row, `person_id`,
 * `day` (`YYYY-MM-DDT00:00:00`) / `logged_at` and the renamed numeric columns, or `problem` for a row with a malformed
 * date or number). Other Fitabase files (hourly and minute tables) come back as `unused`.
 */
export function parseFitabaseCsv(text: string): FitabaseFile {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/^\uFEFF/, '').trim();
  const rows = parse(text, {
    from_line: 2,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as string[][];
  if (header === HEADERS.heart_rate) {
    const samples: HeartRateSample[] = [];
    const problems: ProblemRow[] = [];
    rows.forEach((r, i) => {
      const at = parseFitabaseTime(r[1] ?? '');
      const bpm = num(r[2]);
      if (at === undefined || bpm === null || Number.isNaN(bpm) || !/^\d+$/.test(r[0] ?? ''))
        problems.push({
          line: i + 2,
          reason:
            at === undefined
              ? `Time "${r[1]}" is not M/D/YYYY h:mm:ss AM`
              : `Value "${r[2]}" is not a number`,
          row: r.join(','),
        });
      else samples.push({ source: 'fitabase', device: `fitabase-${r[0]}`, at, bpm });
    });
    return { kind: 'heart_rate', samples, problems };
  }
  const kind = (Object.keys(RENAMES) as (keyof typeof RENAMES)[]).find((k) => HEADERS[k] === header);
  if (!kind) return { kind: 'unused', header };
  const names = header.split(',');
  const records: Record<string, unknown>[] = [];
  const problems: ProblemRow[] = [];
  rows.forEach((r, i) => {
    const cell = (name: string) => r[names.indexOf(name)];
    const at = parseFitabaseTime(cell(DATE_COLUMN[kind]) ?? '');
    const record: Record<string, unknown> = {
      person_id: cell('Id'),
      ...(kind === 'weight_logs'
        ? {
            logged_at: at === undefined ? null : new Date(at).toISOString(),
            day: at === undefined ? null : `${isoDate(at)}T00:00:00`,
          }
        : { day: at === undefined ? null : `${isoDate(at)}T00:00:00` }),
    };
    let problem =
      at === undefined ? `${DATE_COLUMN[kind]} "${cell(DATE_COLUMN[kind])}" is not a M/D/YYYY date` : null;
    for (const [from, to] of Object.entries(RENAMES[kind])) {
      const v = num(cell(from));
      if (Number.isNaN(v)) problem ??= `${from} "${cell(from)}" is not a number`;
      record[to] = Number.isNaN(v) ? null : v;
    }
    if (kind === 'weight_logs') record.is_manual_report = cell('IsManualReport') === 'True';
    if (!/^\d+$/.test(String(record.person_id ?? '')))
      problem ??= `Id "${String(record.person_id)}" is not numeric`;
    if (problem) problems.push({ line: i + 2, reason: problem, row: r.join(',') });
    records.push({ ...record, line: i + 2, problem });
  });
  return { kind, records, problems };
}
