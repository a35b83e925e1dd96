import { z } from 'zod';

/**
 * One heart-rate `DataPoint` of the Google Health API
 * (https://developers.google.com/health/reference/rest/v4/users.dataTypes.dataPoints): the
 * `heartRate` member of the data union holds `beatsPerMinute` (int64, so JSON may carry it as a
 * string) and `sampleTime` (`ObservationSampleTime`: `physicalTime` RFC 3339, `utcOffset`);
 * `dataSource` names the recording device. Unknown fields pass through.
 */
export const HeartRateDataPoint = z.looseObject({
  name: z.string().optional(),
  dataSource: z
    .looseObject({
      recordingMethod: z.string().optional(),
      device: z
        .looseObject({
          formFactor: z.string().optional(),
          manufacturer: z.string().optional(),
          displayName: z.string().optional(),
        })
        .optional(),
      platform: z.string().optional(),
    })
    .optional(),
  heartRate: z.looseObject({
    beatsPerMinute: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number),
    sampleTime: z.looseObject({
      physicalTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 instant'),
      utcOffset: z.string().optional(),
    }),
  }),
});
export type HeartRateDataPoint = z.infer<typeof HeartRateDataPoint>;

/** Body of `dataPoints.list`: one page of points and the token of the next page, if any. */
export const ListDataPointsResponse = z.looseObject({
  dataPoints: z.array(z.unknown()).default([]),
  nextPageToken: z.string().optional(),
});
export type ListDataPointsResponse = z.infer<typeof ListDataPointsResponse>;

/** Google's token endpoint answer to a refresh-token grant (`refresh_token` only when it rotates). */
export const GoogleTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});
export type GoogleTokenResponse = z.infer<typeof GoogleTokenResponse>;

/**
 * One landing record of `heart_rate/samples`: every sample of one source and device in one UTC
 * hour (a series), as parallel arrays: `offsets_ms[i]` after `hour_started_at`, `bpm[i]` beats per
 * minute. `series_id` (`<source>|<device>|<hour>`) is what a later landing of the same series
 * replaces in `raw.heart_rate_samples`.
 */
export interface HeartRateSeries {
  readonly series_id: string;
  readonly source: string;
  readonly device: string;
  /** ISO instant of the UTC hour's start. */
  readonly hour_started_at: string;
  readonly offsets_ms: number[];
  readonly bpm: number[];
}

/** One heart-rate sample before it is grouped into series. */
export interface HeartRateSample {
  readonly source: string;
  readonly device: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly bpm: number;
}
