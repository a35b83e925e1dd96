import { z } from 'zod';
import { readEnvironment } from '@voyager/orchestration';
import { FREE_TIER_LIMITS, OPEN_METEO_ARCHIVE_URL } from './constants.js';

/** The variables of the Open-Meteo weather source. */
export const OpenMeteoEnvironment = z.object({
  OPEN_METEO_URL: z
    .url()
    .optional()
    .meta({
      description: `Open-Meteo historical weather endpoint (\`${OPEN_METEO_ARCHIVE_URL}\` for the real, free, non-commercial API). Unset: \`voyager\` starts the local Open-Meteo simulator and points at it.`,
      unset: 'the local simulator',
    }),
  OPEN_METEO_MAX_REQUESTS_PER_RUN: z.coerce.number().int().positive().optional().meta({
    description:
      'Most archive requests one run of `landing/open_meteo/activity_weather` sends (one per place and day; its day steps share it, each on its own with process isolation); the rest wait for the next run. The free tier allows 10,000 a day.',
    unset: '`1000`',
  }),
  OPEN_METEO_MAX_REQUESTS_PER_MINUTE: z.coerce.number().positive().optional().meta({
    description:
      'Most archive requests a minute (retries included); requests are spaced to stay within it. The free tier allows 600 a minute, 5,000 an hour and 10,000 a day (https://open-meteo.com/en/terms).',
    unset: '`600` (the local simulator: no limit)',
  }),
});
export type OpenMeteoEnvironment = z.infer<typeof OpenMeteoEnvironment>;

/** The weather settings of a run. */
export interface OpenMeteoSettings {
  readonly url: string;
  readonly maxRequestsPerRun: number;
  readonly maxRequestsPerMinute: number;
}

/**
 * Reads the Open-Meteo variables.
 * @throws ConfigError naming the variable when one is malformed.
 */
export function openMeteoSettings(env: Readonly<Record<string, string | undefined>>): OpenMeteoSettings {
  const parsed = readEnvironment(OpenMeteoEnvironment, env);
  return {
    url: parsed.OPEN_METEO_URL ?? OPEN_METEO_ARCHIVE_URL,
    maxRequestsPerRun: parsed.OPEN_METEO_MAX_REQUESTS_PER_RUN ?? 1000,
    maxRequestsPerMinute: parsed.OPEN_METEO_MAX_REQUESTS_PER_MINUTE ?? FREE_TIER_LIMITS.perMinute,
  };
}
