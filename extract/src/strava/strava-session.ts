import type { SSMClient } from '@aws-sdk/client-ssm';
import { loadConfig, type AssetContext } from '@voyager/orchestration';
import { StravaClient } from './client.js';
import { resolveStravaCredentials } from './credentials.js';
import { loadStravaSettings, type StravaSettings } from './strava-environment.js';

/** What an extract asset works with: validated settings and a ready client. */
export interface StravaSession {
  readonly settings: StravaSettings;
  readonly client: StravaClient;
  close(): Promise<void>;
}

/** Options of {@link openStravaSession} (tests inject an SSM stand-in and retry timings). */
export interface StravaSessionOptions {
  readonly ssm?: Pick<SSMClient, 'send'>;
  readonly retryMinTimeoutMs?: number;
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
  const client = new StravaClient({
    credentials,
    apiUrl: settings.STRAVA_API_URL.replace(/\/$/, ''),
    oauthUrl: settings.STRAVA_OAUTH_URL,
    log: ctx.log,
    signal: ctx.signal,
    maxRateLimitWaitSeconds: settings.STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS,
    ...(options.retryMinTimeoutMs !== undefined ? { retryMinTimeoutMs: options.retryMinTimeoutMs } : {}),
  });
  return { settings, client, close: () => client.close() };
}
