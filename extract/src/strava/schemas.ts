import { z } from 'zod';

/*
 * zod schemas of the Strava API v3 responses we land (https://developers.strava.com/docs/reference/#api-models).
 * They check what the pipeline relies on and keep every other field (`looseObject`), so the landed
 * record is exactly what Strava sent. A record failing its schema is quarantined, never fatal.
 */

const isoInstant = z.iso.datetime({ offset: true });
const latlng = z
  .union([z.tuple([z.number(), z.number()]), z.array(z.number()).length(0)])
  .nullable()
  .optional();

/** SummaryActivity (`GET /athlete/activities`): distances in metres, times in seconds, `start_date` an ISO UTC instant. */
export const SummaryActivity = z.looseObject({
  id: z.number().int().positive(),
  name: z.string(),
  distance: z.number().nonnegative(),
  moving_time: z.number().int().nonnegative(),
  elapsed_time: z.number().int().nonnegative(),
  total_elevation_gain: z.number().nullable().optional(),
  type: z.string().optional(),
  sport_type: z.string(),
  start_date: isoInstant,
  start_date_local: z.string().optional(),
  timezone: z.string().optional(),
  start_latlng: latlng,
  end_latlng: latlng,
  average_speed: z.number().nullable().optional(),
  max_speed: z.number().nullable().optional(),
  has_heartrate: z.boolean().optional(),
  average_heartrate: z.number().nullable().optional(),
  max_heartrate: z.number().nullable().optional(),
  athlete: z.looseObject({ id: z.number().int() }),
});
export type SummaryActivity = z.infer<typeof SummaryActivity>;

/** DetailedActivity (`GET /activities/{id}`): a SummaryActivity plus laps, splits, best efforts, gear, calories, device. */
export const DetailedActivity = SummaryActivity.extend({
  laps: z
    .array(z.looseObject({ id: z.number().int(), elapsed_time: z.number(), distance: z.number() }))
    .optional(),
  splits_metric: z.array(z.looseObject({ distance: z.number(), split: z.number().int() })).optional(),
  best_efforts: z.array(z.looseObject({ id: z.number().int(), name: z.string() })).optional(),
  calories: z.number().nullable().optional(),
  device_name: z.string().nullable().optional(),
});
export type DetailedActivity = z.infer<typeof DetailedActivity>;

/** One stream of a StreamSet: `data` points, `series_type` (`time` | `distance`), `original_size`, `resolution`. */
export const Stream = z.looseObject({
  data: z.array(z.unknown()),
  series_type: z.string(),
  original_size: z.number().int().nonnegative(),
  resolution: z.string(),
});
export type Stream = z.infer<typeof Stream>;

/** StreamSet keyed by type (`GET /activities/{id}/streams?key_by_type=true`): only the streams that exist. */
export const StreamSet = z.record(z.string(), Stream);
export type StreamSet = z.infer<typeof StreamSet>;

/** DetailedAthlete (`GET /athlete`). */
export const DetailedAthlete = z.looseObject({
  id: z.number().int().positive(),
  firstname: z.string().nullable().optional(),
  lastname: z.string().nullable().optional(),
  measurement_preference: z.string().optional(),
});
export type DetailedAthlete = z.infer<typeof DetailedAthlete>;

const zoneRanges = z.looseObject({
  custom_zones: z.boolean().optional(),
  zones: z.array(z.looseObject({ min: z.number(), max: z.number() })),
});

/** Zones (`GET /athlete/zones`): heart-rate zones in bpm, power zones in watts (`max` -1 = open-ended). */
export const Zones = z.looseObject({ heart_rate: zoneRanges.optional(), power: zoneRanges.optional() });
export type Zones = z.infer<typeof Zones>;

const totals = z.looseObject({
  count: z.number(),
  distance: z.number(),
  moving_time: z.number(),
  elapsed_time: z.number(),
});

/** ActivityStats (`GET /athletes/{id}/stats`): recent / year-to-date / all-time totals (metres, seconds). */
export const ActivityStats = z.looseObject({
  all_run_totals: totals,
  all_ride_totals: totals,
  all_swim_totals: totals,
});
export type ActivityStats = z.infer<typeof ActivityStats>;

/** The OAuth token response (`POST /oauth/token`): `expires_at` in epoch seconds. */
export const TokenResponse = z.looseObject({
  token_type: z.string(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.number().int(),
  expires_in: z.number().int().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Strava's error body: `{ message, errors: [{ resource, field, code }] }` (429 carries `errors` as a string). */
export const StravaErrorBody = z.looseObject({
  message: z.string(),
  errors: z
    .union([
      z.array(z.looseObject({ resource: z.string(), field: z.string(), code: z.string() })),
      z.string(),
    ])
    .optional(),
});
export type StravaErrorBody = z.infer<typeof StravaErrorBody>;
