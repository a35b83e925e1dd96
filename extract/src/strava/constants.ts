/** Base URL of the Strava API v3 (https://developers.strava.com/docs/reference/). */
export const STRAVA_API_URL = 'https://www.strava.com/api/v3';

/** Strava's OAuth token endpoint (https://developers.strava.com/docs/authentication/). */
export const STRAVA_OAUTH_URL = 'https://www.strava.com/oauth/token';

/** Largest `per_page` Strava accepts on list endpoints (https://developers.strava.com/docs/reference/#api-models-pagination). */
export const STRAVA_MAX_PER_PAGE = 200;

/** Strava's default `per_page` when none is given. */
export const STRAVA_DEFAULT_PER_PAGE = 30;

/** The eleven stream types of `GET /activities/{id}/streams` (https://developers.strava.com/docs/reference/#api-Streams-getActivityStreams). */
export const STREAM_KEYS = [
  'time',
  'latlng',
  'distance',
  'altitude',
  'velocity_smooth',
  'heartrate',
  'cadence',
  'watts',
  'temp',
  'moving',
  'grade_smooth',
] as const;

/** One of {@link STREAM_KEYS}. */
export type StreamKey = (typeof STREAM_KEYS)[number];

/** Default overlap re-listed on every incremental run to catch edits, in days (`STRAVA_OVERLAP_DAYS`). */
export const DEFAULT_OVERLAP_DAYS = 7;

/** Default longest wait for a rate-limit window to reset before stopping, in seconds (`STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS`). */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 15 * 60;

/** Strava's short rate-limit window, in seconds: limits reset at :00, :15, :30 and :45 (https://developers.strava.com/docs/rate-limits/). */
export const RATE_LIMIT_WINDOW_SECONDS = 15 * 60;

/** Landing datasets written by the extract package (see DESIGN.md, "Storage contracts"). */
export const DATASETS = {
  activities: 'strava/activities',
  activityDetails: 'strava/activity_details',
  activityStreams: 'strava/activity_streams',
  athlete: 'strava/athlete',
  athleteZones: 'strava/athlete_zones',
  athleteStats: 'strava/athlete_stats',
  activityDeletions: 'strava/activity_deletions',
  exportActivities: 'strava/export_activities',
  quarantine: 'strava/quarantine',
} as const;
