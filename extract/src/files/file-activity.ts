import type { FileStreams } from '../bulk-export/activity-files.js';

/** The device that recorded a file (FIT `file_id` / creator `device_info`). */
export interface FileDevice {
  readonly manufacturer: string | null;
  readonly product: number | string | null;
  readonly product_name: string | null;
  readonly serial_number: number | null;
  readonly software_version: number | null;
}

/** A sensor paired during the activity (FIT `device_info` other than the creator). */
export interface FileSensor {
  readonly device_index: number | string | null;
  /** `heart_rate`, `bike_power`, `bike_speed_cadence`, `stride_speed_distance`, `gps`, `barometer`... */
  readonly device_type: string | number | null;
  readonly manufacturer: string | null;
  readonly product: number | string | null;
  readonly serial_number: number | null;
  /** `antplus`, `bluetooth_low_energy`, `local`... */
  readonly source_type: string | null;
  readonly battery_status: string | null;
}

/** One pool length of a swim (FIT `length` message): seconds, strokes, stroke style. */
export interface FileSwimLength {
  readonly start_date: string | null;
  readonly elapsed_time_s: number | null;
  readonly strokes: number | null;
  /** `freestyle`, `backstroke`, `breaststroke`, `butterfly`, `drill`, `mixed`, `im`. */
  readonly swim_stroke: string | null;
  /** `active` or `idle` (rest). */
  readonly length_type: string | null;
}

/**
 * One real-world activity read from a device file: the summary (metres, seconds, bpm, watts,
 * ISO UTC instants), the device and sensors, swim lengths, developer fields and API-shaped
 * streams. A FIT multisport file gives one per session (`session_index`), linked by
 * `multisport_group` (the file's sha256).
 */
export interface FileActivity {
  readonly format: 'fit' | 'gpx' | 'tcx';
  /** 0-based session (FIT) or `<Activity>` (TCX) index within the file. */
  readonly session_index: number;
  /** Sessions in the file: above 1 for a multisport file. */
  readonly session_count: number;
  /** The file's own sport words (FIT `sport`/`sub_sport`, TCX `Sport`, GPX `type`). */
  readonly sport: string | null;
  readonly sub_sport: string | null;
  /** The Strava `sport_type` it maps to (`Run`, `Ride`, `Swim`, `VirtualRide`...). */
  readonly sport_type: string;
  /** Start instant, ISO UTC without milliseconds. */
  readonly start_date: string;
  readonly elapsed_time_s: number;
  readonly moving_time_s: number;
  readonly distance_m: number | null;
  readonly total_elevation_gain_m: number | null;
  readonly average_heartrate_bpm: number | null;
  readonly max_heartrate_bpm: number | null;
  readonly average_cadence_rpm: number | null;
  readonly average_watts: number | null;
  readonly calories_kcal: number | null;
  readonly average_speed_m_per_s: number | null;
  readonly max_speed_m_per_s: number | null;
  readonly start_latlng: readonly [number, number] | null;
  readonly trainer: boolean;
  readonly pool_length_m: number | null;
  readonly lengths: readonly FileSwimLength[];
  readonly device: FileDevice | null;
  readonly sensors: readonly FileSensor[];
  /** Developer (Connect IQ) fields: name -> { units, session value or null }. */
  readonly developer_fields: Readonly<Record<string, { units: string | null; value: unknown }>>;
  readonly streams: FileStreams;
}

/** What a device file holds: activities, or a FIT file of another type (skipped, not corrupt). */
export type ParsedDeviceFile =
  | { readonly kind: 'activity'; readonly activities: readonly FileActivity[] }
  | { readonly kind: 'skipped'; readonly fileType: string };

const SPORTS: Record<string, string> = {
  running: 'Run',
  cycling: 'Ride',
  swimming: 'Swim',
  walking: 'Walk',
  hiking: 'Hike',
  rowing: 'Rowing',
  cross_country_skiing: 'NordicSki',
  alpine_skiing: 'AlpineSki',
  snowboarding: 'Snowboard',
  e_biking: 'EBikeRide',
  training: 'Workout',
  fitness_equipment: 'Workout',
  generic: 'Workout',
  transition: 'Transition',
  biking: 'Ride',
  other: 'Workout',
  kayaking: 'Kayaking',
  paddling: 'StandUpPaddling',
  stand_up_paddleboarding: 'StandUpPaddling',
  rock_climbing: 'RockClimbing',
  inline_skating: 'InlineSkate',
  yoga: 'Yoga',
};
const SUB_SPORTS: Record<string, string> = {
  'running/trail': 'TrailRun',
  'running/virtual_activity': 'VirtualRun',
  'cycling/virtual_activity': 'VirtualRide',
  'cycling/mountain': 'MountainBikeRide',
  'cycling/gravel_cycling': 'GravelRide',
  'cycling/e_bike_mountain': 'EMountainBikeRide',
  'training/strength_training': 'WeightTraining',
};

/**
 * Maps a file's sport words to Strava's `sport_type` (https://developers.strava.com/docs/reference/#api-models-SportType):
 * FIT `sport`/`sub_sport` names (Garmin FIT SDK profile, `Sport` and `SubSport` types), TCX
 * `Running`/`Biking`/`Other` and GPX `<type>` words. Unknown words become PascalCase.
 */
export function toSportType(sport: string | null, subSport: string | null = null): string {
  const s = (sport ?? 'generic').toLowerCase().replace(/[\s-]+/g, '_');
  const special = SUB_SPORTS[`${s}/${subSport?.toLowerCase() ?? ''}`];
  if (special) return special;
  return SPORTS[s] ?? s.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
}

/** True for indoor kinds of a sport (treadmill, trainer, indoor rowing, pool). */
export function isIndoor(subSport: string | null): boolean {
  return [
    'treadmill',
    'indoor_cycling',
    'spin',
    'indoor_rowing',
    'virtual_activity',
    'indoor_running',
  ].includes(subSport ?? '');
}
