import { readEnvironment } from '@voyager/orchestration';
import { z } from 'zod';
import { GOOGLE_HEALTH_API_URL, GOOGLE_OAUTH_URL } from './constants.js';
import { GoogleHealthCredentialsError } from './errors.js';
import { StravaEnvironment } from '../strava/strava-environment.js';

/**
 * The variables of the heart-rate extract asset: a Google OAuth 2.0 client (id and secret) and the
 * person's refresh token with the heart-rate read scope; all three unset means `npm start` runs the
 * local Google Health API simulator instead. In AWS (`VOYAGER_SSM_PREFIX` set, the refresh token
 * not) the rotating refresh token lives in SSM (`<prefix>/google_health/refresh_token`) and the
 * client id and secret come from the environment (ECS injects them) or else from SSM.
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
      'A refresh token with the `googlehealth.health_metrics_and_measurements.readonly` scope (a secret); a rotated one is kept in `$VOYAGER_HOME/google-health/`. Unset with `VOYAGER_SSM_PREFIX`: read from and rotated in `<prefix>/google_health/refresh_token`.',
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

/**
 * The validated environment with the credential source decided: `env` (the three credentials set;
 * the rotated token kept in a file) or `ssm` (`VOYAGER_SSM_PREFIX` set and no refresh token in the
 * environment: the token in SSM, the client id and secret from the environment or SSM).
 */
export type GoogleHealthSettings = GoogleHealthEnvironment &
  (
    | {
        readonly credentialSource: 'env';
        readonly GOOGLE_HEALTH_CLIENT_ID: string;
        readonly GOOGLE_HEALTH_CLIENT_SECRET: string;
        readonly GOOGLE_HEALTH_REFRESH_TOKEN: string;
      }
    | { readonly credentialSource: 'ssm'; readonly VOYAGER_SSM_PREFIX: string }
  );

const CREDENTIALS = [
  'GOOGLE_HEALTH_CLIENT_ID',
  'GOOGLE_HEALTH_CLIENT_SECRET',
  'GOOGLE_HEALTH_REFRESH_TOKEN',
] as const;

/** Whether any Google Health credential is set (empty counts as unset). */
export function hasGoogleHealthCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return CREDENTIALS.some((k) => (env[k] ?? '') !== '');
}

/** `VOYAGER_SSM_PREFIX`, validated as the Strava settings validate it (one variable, one rule). */
const SsmPrefixEnvironment = StravaEnvironment.pick({ VOYAGER_SSM_PREFIX: true });

/**
 * Validates the `GOOGLE_HEALTH_*` variables (and `VOYAGER_SSM_PREFIX`).
 * @throws GoogleHealthCredentialsError naming each missing or malformed variable, never its value.
 */
export function loadGoogleHealthSettings(
  env: Readonly<Record<string, string | undefined>>,
): GoogleHealthSettings {
  const s = readEnvironment(GoogleHealthEnvironment, env, (p) => new GoogleHealthCredentialsError(p));
  const { VOYAGER_SSM_PREFIX: prefix } = readEnvironment(
    SsmPrefixEnvironment,
    env,
    (p) => new GoogleHealthCredentialsError(p),
  );
  // the rotating token is never injected in AWS: set, it is a person's own (or the simulator's)
  if (prefix && s.GOOGLE_HEALTH_REFRESH_TOKEN === undefined)
    return { ...s, credentialSource: 'ssm', VOYAGER_SSM_PREFIX: prefix };
  const missing = CREDENTIALS.filter((k) => s[k] === undefined);
  if (missing.length > 0)
    throw new GoogleHealthCredentialsError(
      missing.map(
        (k) =>
          `${k}: is not set (set the three GOOGLE_HEALTH_* credentials in .env.local, or unset all of them to use the simulator)`,
      ),
    );
  return {
    ...s,
    credentialSource: 'env',
    GOOGLE_HEALTH_CLIENT_ID: s.GOOGLE_HEALTH_CLIENT_ID!,
    GOOGLE_HEALTH_CLIENT_SECRET: s.GOOGLE_HEALTH_CLIENT_SECRET!,
    GOOGLE_HEALTH_REFRESH_TOKEN: s.GOOGLE_HEALTH_REFRESH_TOKEN!,
  };
}
