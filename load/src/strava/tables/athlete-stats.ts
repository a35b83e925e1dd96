import type { RawColumn, RawTable } from '../../raw-table.js';
import { STRAVA_DATASETS } from '../constants.js';

/** The nine totals of ActivityStats: `<period>_<sport>_totals`, https://developers.strava.com/docs/reference/#api-models-ActivityStats. */
const TOTALS = ['recent', 'ytd', 'all'].flatMap((period) =>
  ['run', 'ride', 'swim'].map((sport) => `${period}_${sport}`),
);

/** Fields of one ActivityTotal (`achievement_count` only on the recent totals). */
const TOTAL_FIELDS = new Set([
  'count',
  'distance',
  'moving_time',
  'elapsed_time',
  'elevation_gain',
  'achievement_count',
]);

/** Per total: count, metres, seconds, metres of climb (e.g. `all_run_distance_m`). */
const TOTAL_COLUMNS: readonly RawColumn[] = TOTALS.flatMap((t) => [
  { name: `${t}_count`, type: 'integer', from: `${t}_totals.count` } as const,
  { name: `${t}_distance_m`, type: 'double precision', from: `${t}_totals.distance` } as const,
  { name: `${t}_moving_time_s`, type: 'double precision', from: `${t}_totals.moving_time` } as const,
  { name: `${t}_elapsed_time_s`, type: 'double precision', from: `${t}_totals.elapsed_time` } as const,
  { name: `${t}_elevation_gain_m`, type: 'double precision', from: `${t}_totals.elevation_gain` } as const,
]);

/**
 * `raw.strava_athlete_stats`: one row per athlete (the latest ActivityStats, GET
 * /athletes/{id}/stats, as extract lands it: `{ athlete_id, ...ActivityStats }`), upserted by
 * `athlete_id`. Recent (last four weeks), year-to-date and all-time totals of runs, rides and
 * swims: counts, metres, seconds.
 */
export const STRAVA_ATHLETE_STATS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_athlete_stats',
  dataset: STRAVA_DATASETS.athleteStats,
  columns: [
    { name: 'athlete_id', type: 'bigint', required: true },
    { name: 'biggest_ride_distance_m', type: 'double precision', from: 'biggest_ride_distance' },
    {
      name: 'biggest_climb_elevation_gain_m',
      type: 'double precision',
      from: 'biggest_climb_elevation_gain',
    },
    ...TOTAL_COLUMNS,
  ],
  key: ['athlete_id'],
  knownFields: new Set([
    'athlete_id',
    'biggest_ride_distance',
    'biggest_climb_elevation_gain',
    ...TOTALS.map((t) => `${t}_totals`),
  ]),
  *driftFields(record) {
    for (const t of TOTALS) {
      const total = record[`${t}_totals`];
      if (total === null || typeof total !== 'object') continue;
      for (const f in total) if (!TOTAL_FIELDS.has(f)) yield `${t}_totals.${f}`;
    }
  },
});
