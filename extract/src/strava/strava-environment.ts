import { readEnvironment } from '@voyager/orchestration';
import { z } from 'zod';
import {
  DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
  DEFAULT_OVERLAP_DAYS,
  STRAVA_API_URL,
  STRAVA_OAUTH_URL,
} from './constants.js';
import { StravaCredentialsError } from './errors.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Every variable the extract assets read. Credentials come either from the three
 * `STRAVA_CLIENT_ID` / `STRAVA_CLIENT_SECRET` / `STRAVA_REFRESH_TOKEN` variables, or, when
 * `VOYAGER_SSM_PREFIX` is set (AWS sets it to `/voyager/<env>`), from SSM: the rotating refresh
 * token always from `<prefix>/strava/refresh_token`, the app id and secret from the environment
 * (ECS injects them) or else from `<prefix>/strava/client_id` and `client_secret`.
 */
export const StravaEnvironment = z.object({
  /** Numeric id of your Strava API application. */
  STRAVA_CLIENT_ID: z
    .string()
    .regex(/^\d+$/, 'must be the numeric client id of your Strava API application')
    .optional()
    .meta({
      description: 'Numeric id of your Strava API application (with the two below: a real account).',
      unset: 'the simulator',
    }),
  STRAVA_CLIENT_SECRET: z.string().min(1).optional().meta({
    description: 'Client secret of your Strava API application (a secret).',
    unset: 'the simulator',
  }),
  /** A refresh token with `activity:read_all` scope; replaced by the newest one after every refresh. */
  STRAVA_REFRESH_TOKEN: z.string().min(1).optional().meta({
    description:
      'A refresh token with `activity:read_all` scope (a secret); replaced by the newest one after every refresh.',
    unset: 'the simulator',
  }),
  /** SSM Parameter Store prefix of the environment, e.g. `/voyager/prod` (set by the infrastructure). */
  VOYAGER_SSM_PREFIX: z
    .string()
    .regex(/^\/[A-Za-z0-9_.\-/]+[^/]$/, 'must be an SSM path like /voyager/prod')
    .optional()
    .meta({
      description:
        'SSM Parameter Store prefix of the environment (e.g. `/voyager/prod`, set by the infrastructure): the Strava refresh token is read from and rotated in `<prefix>/strava/refresh_token`, unset Strava app credentials come from `<prefix>/strava/client_id` / `client_secret`; likewise the Google Health ones under `<prefix>/google_health/` (when `GOOGLE_HEALTH_REFRESH_TOKEN` is unset).',
    }),
  STRAVA_API_URL: z.url().default(STRAVA_API_URL).meta({ description: 'Base URL of the Strava API.' }),
  STRAVA_OAUTH_URL: z.url().default(STRAVA_OAUTH_URL).meta({ description: 'Strava token endpoint.' }),
  /** Days re-listed before the newest activity seen, to catch edits; default 7. */
  STRAVA_OVERLAP_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_OVERLAP_DAYS).meta({
    description:
      'Each incremental run re-lists this many days before the newest activity seen, to catch edits.',
  }),
  /** Longest wait for a rate-limit reset before stopping with progress saved, in seconds; default 900. */
  STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS)
    .meta({
      description:
        'Longest wait for a Strava rate-limit window, in seconds; beyond it the run stops with its cursor saved and says when to resume.',
    }),
  /** Most API requests one run of the details / streams assets may spend; default unlimited. */
  STRAVA_REQUEST_BUDGET: z.coerce.number().int().positive().optional().meta({
    description: 'Requests one run of the details or streams asset may spend; the rest continue next run.',
    unset: 'unlimited',
  }),
  /** First wait before retrying a 5xx or network failure, in ms (then doubling, with jitter); default 1,000. */
  STRAVA_RETRY_MIN_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).optional().meta({
    description:
      'First wait before retrying a Strava 5xx or network failure, in ms (then doubling, with jitter).',
    unset: '1000',
  }),
  /**
   * Whose data the API serves, for cursors and done-sets; default `<STRAVA_API_URL> client
   * <client id>`. The simulator's dev service sets it to name its data instead of its random port.
   */
  STRAVA_IDENTITY: z.string().min(1).optional().meta({
    description:
      "Whose data the API serves, for cursors and done-sets. The simulator's dev service sets it to name its data instead of its random port.",
    unset: '`<STRAVA_API_URL> client <client id>`',
  }),
  /** `1`: re-list the whole history and record activities deleted upstream. */
  STRAVA_FULL_RELIST: flag.meta({
    description: '`1`: list the whole history and mark activities deleted upstream.',
    unset: 'off',
  }),
});
export type StravaEnvironment = z.infer<typeof StravaEnvironment>;

/** The variables of the Strava API simulator (the dev service `npm start` runs without credentials). */
export const StravaSimulatorEnvironment = z.object({
  VOYAGER_SIMULATOR_DATA: z.string().min(1).optional().meta({
    description:
      'Folder of recorded Strava responses the simulator serves instead (e.g. `../shared/data/strava-api-v3`).',
    unset: 'synthetic athlete',
  }),
});
export type StravaSimulatorEnvironment = z.infer<typeof StravaSimulatorEnvironment>;

/** The validated environment with the credential source decided. */
export type StravaSettings = StravaEnvironment &
  (
    | {
        readonly credentialSource: 'env';
        readonly STRAVA_CLIENT_ID: string;
        readonly STRAVA_CLIENT_SECRET: string;
        readonly STRAVA_REFRESH_TOKEN: string;
      }
    | { readonly credentialSource: 'ssm'; readonly VOYAGER_SSM_PREFIX: string }
  );

/**
 * Validates the `STRAVA_*` variables (empty counts as unset).
 * @throws StravaCredentialsError with one line per missing or malformed variable, naming it, never its value.
 */
export function loadStravaSettings(env: Readonly<Record<string, string | undefined>>): StravaSettings {
  const s = readEnvironment(StravaEnvironment, env, (problems) => new StravaCredentialsError(problems));
  if (s.VOYAGER_SSM_PREFIX)
    return { ...s, credentialSource: 'ssm', VOYAGER_SSM_PREFIX: s.VOYAGER_SSM_PREFIX };
  const missing = (['STRAVA_CLIENT_ID', 'STRAVA_CLIENT_SECRET', 'STRAVA_REFRESH_TOKEN'] as const).filter(
    (k) => s[k] === undefined,
  );
  if (missing.length > 0) {
    throw new StravaCredentialsError(
      missing.map(
        (k) =>
          `${k}: is not set (set the three STRAVA_* credentials in .env.local, or VOYAGER_SSM_PREFIX in AWS; unset all of them to use the simulator)`,
      ),
    );
  }
  return {
    ...s,
    credentialSource: 'env',
    STRAVA_CLIENT_ID: s.STRAVA_CLIENT_ID!,
    STRAVA_CLIENT_SECRET: s.STRAVA_CLIENT_SECRET!,
    STRAVA_REFRESH_TOKEN: s.STRAVA_REFRESH_TOKEN!,
  };
}
