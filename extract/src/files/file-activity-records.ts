import type { FileActivity } from './file-activity.js';

/**
 * The id of an activity read from a device file without a Strava id: negative (Strava's are
 * positive, so the two never meet), stable (from the file's sha256 and the session index, so
 * re-reading the file gives the same id), within ±2^53: -(first 44 bits of the hash x 256 + session).
 */
export function fileActivityId(sha256: string, sessionIndex: number): number {
  return -(parseInt(sha256.slice(0, 11), 16) * 256 + (sessionIndex % 256));
}

const name = (a: FileActivity, file: string): string => {
  const base = file.split(/[/!]/).pop() ?? file;
  return a.session_count > 1
    ? `${a.sport_type} ${a.session_index + 1}/${a.session_count} (${base})`
    : `${a.sport_type} (${base})`;
};

/**
 * The activity as a SummaryActivity-shaped record of `strava/activities` (metres, seconds, m/s,
 * bpm), marked `_source: fit|gpx|tcx`, so it flows through `raw/strava_activities` into the marts
 * like an API activity. `external_id` is the file name, as Strava's for an upload.
 */
export function toActivityRecord(a: FileActivity, id: number, file: string): Record<string, unknown> {
  return {
    id,
    name: name(a, file),
    type: a.sport_type,
    sport_type: a.sport_type,
    start_date: a.start_date,
    distance: a.distance_m ?? 0,
    moving_time: a.moving_time_s,
    elapsed_time: a.elapsed_time_s,
    total_elevation_gain: a.total_elevation_gain_m,
    average_speed: a.average_speed_m_per_s,
    max_speed: a.max_speed_m_per_s,
    average_cadence: a.average_cadence_rpm,
    average_watts: a.average_watts,
    kilojoules: null,
    has_heartrate: a.average_heartrate_bpm !== null,
    average_heartrate: a.average_heartrate_bpm,
    max_heartrate: a.max_heartrate_bpm,
    trainer: a.trainer,
    manual: false,
    start_latlng: a.start_latlng,
    external_id: file,
    _source: a.format,
  };
}

/** The activity's file detail for `files/activities`: everything but the streams, with its file. */
export function toFileDetailRecord(
  a: FileActivity,
  id: number,
  file: { name: string; sha256: string },
  takenAt: string,
): Record<string, unknown> {
  const { streams, ...detail } = a;
  return {
    activity_id: id,
    file_name: file.name,
    file_sha256: file.sha256,
    taken_at: takenAt,
    stream_types: Object.keys(streams),
    ...detail,
  };
}
