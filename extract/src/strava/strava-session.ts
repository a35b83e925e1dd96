import type { SSMClient } from '@aws-sdk/client-ssm';
import { loadConfig, type AssetContext } from '@voyager/orchestration';
import { StravaClient } from './client.js';
import { resolveStravaCredentials } from './credentials.js';
import { loadStravaSettings, type StravaSettings } from './strava-environment.js';

/** What an extract asset works with: validated settings and a ready client. */
export interface StravaSession {
  readonly settings: StravaSettings;
  readonly client: StravaClient;
  /**
   * Whose data this session reads: `STRAVA_IDENTITY` when set (the simulator names its data), else
   * the API URL and the app's client id (e.g. `https://www.strava.com/api/v3 client 12345`). Cursors and done-sets store it, so switching
   * from the simulator to real credentials (or to another app) starts over instead of resuming
   * someone else's history. Known without a request; an athlete id would cost one.
   */
  readonly identity: string;
  close(): Promise<void>;
}

/** Options of {@link openStravaSession} (tests inject an SSM stand-in and retry timings). */
export interface StravaSessionOptions {
  readonly ssm?: Pick<SSMClient, 'send'>;
  readonly retryMinTimeoutMs?: number;
  /** Pause before re-reading the token store after a refresh lost a race with another process; default 1,000 ms. */
  readonly tokenRaceWaitMs?: number;
}

/**
 * Validates the `STRAVA_*` environment of the run, resolves credentials (env + token file under
 * `$VOYAGER_HOME/strava/`, or SSM) and opens a {@link StravaClient}.
 * @throws StravaCredentialsError with one line per bad variable.
 */
export async function openStravaSession(
  ctx: Pick<AssetContext, 'env' | 'projectDir' | 'log' | 'signal'>,
  options: StravaSessionOptions = {},
): Promise<StravaSession> {
  const settings = loadStravaSettings(ctx.env);
  const home = loadConfig(ctx.projectDir, ctx.env).home;
  const credentials = await resolveStravaCredentials(settings, {
    home,
    ...(options.ssm ? { ssm: options.ssm } : {}),
  });
  const apiUrl = settings.STRAVA_API_URL.replace(/\/$/, '');
  const client = new StravaClient({
    credentials,
    apiUrl,
    oauthUrl: settings.STRAVA_OAUTH_URL,
    log: ctx.log,
    signal: ctx.signal,
    maxRateLimitWaitSeconds: settings.STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS,
    ...((options.retryMinTimeoutMs ?? settings.STRAVA_RETRY_MIN_TIMEOUT_MS) !== undefined
      ? { retryMinTimeoutMs: options.retryMinTimeoutMs ?? settings.STRAVA_RETRY_MIN_TIMEOUT_MS }
      : {}),
    ...(options.tokenRaceWaitMs !== undefined ? { tokenRaceWaitMs: options.tokenRaceWaitMs } : {}),
  });
  const identity = settings.STRAVA_IDENTITY ?? `${apiUrl} client ${credentials.clientId}`;
  return { settings, client, identity, close: () => client.close() };
}
