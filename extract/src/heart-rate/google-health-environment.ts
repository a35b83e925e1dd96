import { readEnvironment } from '@voyager/orchestration';
import { z } from 'zod';
import { GOOGLE_HEALTH_API_URL, GOOGLE_OAUTH_URL } from './constants.js';
import { GoogleHealthCredentialsError } from './errors.js';

/**
 * The variables of the heart-rate extract asset: a Google OAuth 2.0 client (id and secret) and the
 * person's refresh token with the heart-rate read scope; all three unset means `npm start` runs the
 * local Google Health API simulator instead.
 */
export const GoogleHealthEnvironment = z.object({
  GOOGLE_HEALTH_CLIENT_ID: z.string().min(1).optional().meta({
    description: 'OAuth 2.0 client id of your Google Cloud project (with the two below: your own data).',
    unset: 'the simulator',
  }),
  GOOGLE_HEALTH_CLIENT_SECRET: z.string().min(1).optional().meta({
    description: 'OAuth 2.0 client secret (a secret).',
    unset: 'the simulator',
  }),
  GOOGLE_HEALTH_REFRESH_TOKEN: z.string().min(1).optional().meta({
    description:
      'A refresh token with the `googlehealth.health_metrics_and_measurements.readonly` scope (a secret); a rotated one is kept in `$VOYAGER_HOME/google-health/`.',
    unset: 'the simulator',
  }),
  GOOGLE_HEALTH_API_URL: z.url().default(GOOGLE_HEALTH_API_URL).meta({
    description: 'Base URL of the Google Health API v4.',
  }),
  GOOGLE_HEALTH_OAUTH_URL: z.url().default(GOOGLE_OAUTH_URL).meta({ description: 'Google token endpoint.' }),
  GOOGLE_HEALTH_RETRY_MIN_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(1_000).meta({
    description: 'First wait before retrying a 429, 5xx or network failure, in ms (then doubling).',
  }),
});
export type GoogleHealthEnvironment = z.infer<typeof GoogleHealthEnvironment>;

/** The validated environment, with the three credentials present. */
export type GoogleHealthSettings = GoogleHealthEnvironment & {
  readonly GOOGLE_HEALTH_CLIENT_ID: string;
  readonly GOOGLE_HEALTH_CLIENT_SECRET: string;
  readonly GOOGLE_HEALTH_REFRESH_TOKEN: string;
};

const CREDENTIALS = [
  'GOOGLE_HEALTH_CLIENT_ID',
  'GOOGLE_HEALTH_CLIENT_SECRET',
  'GOOGLE_HEALTH_REFRESH_TOKEN',
] as const;

/** Whether any Google Health credential is set (empty counts as unset). */
export function hasGoogleHealthCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return CREDENTIALS.some((k) => (env[k] ?? '') !== '');
}

/**
 * Validates the `GOOGLE_HEALTH_*` variables.
 * @throws GoogleHealthCredentialsError naming each missing or malformed variable, never its value.
 */
export function loadGoogleHealthSettings(
  env: Readonly<Record<string, string | undefined>>,
): GoogleHealthSettings {
  const s = readEnvironment(GoogleHealthEnvironment, env, (p) => new GoogleHealthCredentialsError(p));
  const missing = CREDENTIALS.filter((k) => s[k] === undefined);
  if (missing.length > 0)
    throw new GoogleHealthCredentialsError(
      missing.map(
        (k) =>
          `${k}: is not set (set the three GOOGLE_HEALTH_* credentials in .env.local, or unset all of them to use the simulator)`,
      ),
    );
  return s as GoogleHealthSettings;
}
