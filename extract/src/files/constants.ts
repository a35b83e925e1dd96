/** Landing datasets written by the activity-file inbox (besides the Strava ones it shares). */
export const FILES_DATASETS = {
  /** One record per activity found in a device file: device, sensors, lengths, developer fields. */
  activities: 'files/activities',
  /** One record per file taken from the inbox: its sha256, name, when, and what became of it. */
  ledger: 'files/inbox_ledger',
} as const;

/** The inbox under `$VOYAGER_HOME` when `VOYAGER_INBOX_URL` is unset (so `.voyager/inbox`). */
export const DEFAULT_INBOX = 'inbox';

/** Sub-folders of the inbox other assets own (the lifting logs), never walked by this one. */
export const FOREIGN_INBOX_FOLDERS: readonly string[] = ['lifting/'];

/** Device-file names the inbox parses: FIT, GPX, TCX, each maybe gzipped. */
export const ACTIVITY_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;

/** Archives the inbox opens (Strava and Garmin exports are zips, Garmin's nest zips inside). */
export const ARCHIVE_FILE = /\.zip$/i;

/** Most nested archive levels opened (Garmin: export zip -> UploadedFiles zip -> FIT). */
export const MAX_ARCHIVE_DEPTH = 3;

/** Stream points per landing part of `strava/activity_streams` (a part holds whole activities). */
export const STREAM_ACTIVITIES_PER_PART = 25;
