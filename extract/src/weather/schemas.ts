import { z } from 'zod';

/**
 * One location's answer of the archive API (https://open-meteo.com/en/docs/historical-weather-api,
 * "API Response"): the grid cell's coordinates, the zone asked for with its offset, units per
 * variable, and parallel hourly arrays (`time` in local wall-clock time without offset,
 * `2025-06-15T00:00`). Shape checked against the recorded responses in ../shared/data/open-meteo.
 */
export const ArchiveResponse = z.object({
  latitude: z.number(),
  longitude: z.number(),
  generationtime_ms: z.number(),
  utc_offset_seconds: z.number().int(),
  timezone: z.string(),
  timezone_abbreviation: z.string(),
  elevation: z.number(),
  location_id: z.number().int().optional(),
  hourly_units: z.record(z.string(), z.string()).optional(),
  hourly: z
    .object({ time: z.array(z.string()) })
    .catchall(z.array(z.number().nullable()))
    .optional(),
  daily_units: z.record(z.string(), z.string()).optional(),
  daily: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.null()]))).optional(),
});
export type ArchiveResponse = z.infer<typeof ArchiveResponse>;

/** The error body of the API: HTTP 400 (or 429) with `{ "error": true, "reason": "..." }`. */
export const ArchiveError = z.object({ error: z.literal(true), reason: z.string() });
export type ArchiveError = z.infer<typeof ArchiveError>;
