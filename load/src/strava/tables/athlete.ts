import type { RawRow, RawTable } from '../../raw-table.js';
import { arrayField, objectOf } from '../coerce.js';
import { STRAVA_DATASETS } from '../constants.js';

/** DetailedAthlete fields, https://developers.strava.com/docs/reference/#api-models-DetailedAthlete. */
const ATHLETE_FIELDS = [
  'athlete_type',
  'badge_type_id',
  'bikes',
  'bio',
  'blocked',
  'can_follow',
  'city',
  'clubs',
  'country',
  'created_at',
  'date_preference',
  'firstname',
  'follower',
  'follower_count',
  'friend',
  'friend_count',
  'ftp',
  'id',
  'lastname',
  'measurement_preference',
  'mutual_friend_count',
  'postable_clubs_count',
  'premium',
  'profile',
  'profile_medium',
  'resource_state',
  'sex',
  'shoes',
  'state',
  'summit',
  'updated_at',
  'username',
  'weight',
];

/** `raw.strava_athlete`: one row per athlete (DetailedAthlete, GET /athlete), upserted by `athlete_id`. */
export const STRAVA_ATHLETE_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_athlete',
  dataset: STRAVA_DATASETS.athlete,
  columns: [
    { name: 'athlete_id', type: 'bigint', from: 'id', required: true },
    { name: 'username', type: 'text' },
    { name: 'firstname', type: 'text' },
    { name: 'lastname', type: 'text' },
    { name: 'city', type: 'text' },
    { name: 'state', type: 'text' },
    { name: 'country', type: 'text' },
    { name: 'sex', type: 'text' },
    { name: 'premium', type: 'boolean' },
    { name: 'summit', type: 'boolean' },
    { name: 'weight_kg', type: 'double precision', from: 'weight' },
    { name: 'ftp_w', type: 'double precision', from: 'ftp' },
    { name: 'measurement_preference', type: 'text' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ],
  key: ['athlete_id'],
  knownFields: new Set(ATHLETE_FIELDS),
});

const ZONE_TYPES = ['heart_rate', 'power'] as const;

/** One row per zone of each zone type present in an `athlete_zones` record. */
function zones(record: Readonly<Record<string, unknown>>): RawRow[] {
  const rows: RawRow[] = [];
  for (const zoneType of ZONE_TYPES) {
    const ranges = record[zoneType];
    if (ranges === undefined || ranges === null) continue;
    const set = objectOf(ranges, zoneType);
    arrayField(set, 'zones').forEach((zone, i) => {
      const z = objectOf(zone, `${zoneType}.zones[${i}]`);
      rows.push({
        value: {
          ...z,
          athlete_id: record.athlete_id,
          zone_type: zoneType,
          zone_index: i + 1,
          custom_zones: set.custom_zones,
        },
        json: JSON.stringify(z),
      });
    });
  }
  return rows;
}

/**
 * `raw.strava_athlete_zones`: one row per athlete, zone type (`heart_rate` in bpm, `power` in
 * watts) and zone (1-based `zone_index`); `max_value` -1 means open-ended, as Strava sends it.
 * An athlete's zones are replaced as a whole (GET /athlete/zones).
 */
export const STRAVA_ATHLETE_ZONES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_athlete_zones',
  dataset: STRAVA_DATASETS.athleteZones,
  columns: [
    { name: 'athlete_id', type: 'bigint', required: true },
    { name: 'zone_type', type: 'text', required: true },
    { name: 'zone_index', type: 'integer', required: true },
    { name: 'min_value', type: 'double precision', from: 'min' },
    { name: 'max_value', type: 'double precision', from: 'max' },
    { name: 'custom_zones', type: 'boolean' },
  ],
  key: ['athlete_id', 'zone_type', 'zone_index'],
  replaceBy: 'athlete_id',
  knownFields: new Set(['athlete_id', ...ZONE_TYPES]),
  explode: zones,
});
