/**
 * Landing datasets load reads (written by @voyager/extract; shapes in its README) and the
 * top-level fields the raw tables know. A field outside these lists is schema drift: it is kept
 * in `record` jsonb and named in the materialization's `new_fields`.
 * Field lists: Strava API v3 reference, https://developers.strava.com/docs/reference/.
 */
export const STRAVA_DATASETS = Object.freeze({
  activities: 'strava/activities',
  activityDetails: 'strava/activity_details',
  activityStreams: 'strava/activity_streams',
  athlete: 'strava/athlete',
  athleteZones: 'strava/athlete_zones',
  exportActivities: 'strava/export_activities',
});

/**
 * SummaryActivity fields (GET /athlete/activities), plus what extract's bulk-export conversion
 * adds (`_source`, `description`, `calories`, `gear_name`, `external_file`), so an import
 * reports no false drift.
 */
export const SUMMARY_ACTIVITY_FIELDS: readonly string[] = [
  'achievement_count',
  'athlete',
  'athlete_count',
  'average_cadence',
  'average_heartrate',
  'average_speed',
  'average_temp',
  'average_watts',
  'comment_count',
  'commute',
  'device_watts',
  'display_hide_heartrate_option',
  'distance',
  'elapsed_time',
  'elev_high',
  'elev_low',
  'end_latlng',
  'external_id',
  'flagged',
  'from_accepted_tag',
  'gear_id',
  'has_heartrate',
  'has_kudoed',
  'heartrate_opt_out',
  'id',
  'kilojoules',
  'kudos_count',
  'location_city',
  'location_country',
  'location_state',
  'manual',
  'map',
  'max_heartrate',
  'max_speed',
  'max_watts',
  'moving_time',
  'name',
  'photo_count',
  'pr_count',
  'private',
  'resource_state',
  'sport_type',
  'start_date',
  'start_date_local',
  'start_latlng',
  'suffer_score',
  'timezone',
  'total_elevation_gain',
  'total_photo_count',
  'trainer',
  'type',
  'upload_id',
  'upload_id_str',
  'utc_offset',
  'visibility',
  'weighted_average_watts',
  'workout_type',
  // bulk-export conversions (extract/src/bulk-export/export-activity.ts)
  'calories',
  'description',
  'external_file',
  'gear_name',
  '_source',
];

/** DetailedActivity fields beyond SummaryActivity (GET /activities/{id}), plus Voyager's `synthetic` marker of simulator-generated details. */
export const DETAILED_ACTIVITY_EXTRA_FIELDS: readonly string[] = [
  'available_zones',
  'best_efforts',
  'calories',
  'description',
  'device_name',
  'embed_token',
  'gear',
  'hide_from_home',
  'laps',
  'perceived_exertion',
  'photos',
  'prefer_perceived_exertion',
  'segment_efforts',
  'similar_activities',
  'splits_metric',
  'splits_standard',
  'stats_visibility',
  'synthetic',
];
