/**
 * Facts of the heart-rate sources. The Google Health API values are from its reference:
 * https://developers.google.com/health/reference/rest/v4/users.dataTypes.dataPoints/list (the
 * `GET v4/users/me/dataTypes/heart-rate/dataPoints` request, `pageSize` default 1,440 and maximum
 * 10,000, the `heart_rate.sample_time.physical_time` filter in RFC 3339 with `>=` and `<`) and
 * https://developers.google.com/health/data-types/vitals (data type `heart-rate`, record type
 * Sample, scope `.health_metrics_and_measurements.readonly`).
 */

/** Base URL of the Google Health API v4. */
export const GOOGLE_HEALTH_API_URL = 'https://health.googleapis.com/v4';
/** Google's OAuth 2.0 token endpoint (refresh-token grant). */
export const GOOGLE_OAUTH_URL = 'https://oauth2.googleapis.com/token';
/** The read scope of heart-rate data points. */
export const GOOGLE_HEALTH_HEART_RATE_SCOPE =
  'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly';
/** `dataType` of heart-rate samples in the URL (hyphenated), and in filters (underscored). */
export const HEART_RATE_DATA_TYPE = 'heart-rate';
export const HEART_RATE_FILTER_FIELD = 'heart_rate';
/** Largest `pageSize` the list method honours; larger values are truncated to it. */
export const GOOGLE_HEALTH_MAX_PAGE_SIZE = 10_000;
/** `pageSize` when none is sent. */
export const GOOGLE_HEALTH_DEFAULT_PAGE_SIZE = 1_440;

/** Landing dataset of heart-rate samples; one sub-folder per UTC hour (`hour=YYYY-MM-DDTHH`). */
export const HEART_RATE_SAMPLES_DATASET = 'heart_rate/samples';
/** Landing datasets of the Fitabase daily tables. */
export const FITABASE_DATASETS = Object.freeze({
  daily_activity: 'fitabase/daily_activity',
  sleep_days: 'fitabase/sleep_days',
  weight_logs: 'fitabase/weight_logs',
});

/** First hourly partition of the heart-rate group (UTC): Fitabase's export starts in March 2016. */
export const HEART_RATE_PARTITIONS_START = '2016-01-01T00:00';

/** Where a sample came from (`raw.heart_rate_samples.source`). */
export const HEART_RATE_SOURCES = ['google_health', 'fitbit_takeout', 'fitabase'] as const;
export type HeartRateSource = (typeof HEART_RATE_SOURCES)[number];

/** The landing dataset folder of one UTC hour, e.g. `heart_rate/samples/hour=2016-04-12T00`. */
export function hourDataset(hourStart: Date): string {
  return `${HEART_RATE_SAMPLES_DATASET}/hour=${hourStart.toISOString().slice(0, 13)}`;
}
