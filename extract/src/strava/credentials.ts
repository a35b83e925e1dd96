import { join } from 'node:path';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { extractImage } from '../extract-image.js';
import { StravaCredentialsError } from './errors.js';
import type { StravaSettings } from './strava-environment.js';
import { FileTokenStore, SsmTokenStore, type TokenStore } from './token-store.js';

/** The app credentials plus where the athlete's rotating refresh token lives. Never logged. */
export interface StravaCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenStore: TokenStore;
}

/** Full SSM name of one of the extract image's declared secrets, by its env name. */
function parameterName(prefix: string, env: string): string {
  const secret = extractImage.secrets?.find((s) => s.env === env);
  if (!secret) throw new Error(`the extract image declares no secret ${env}`);
  return `${prefix}/${secret.parameter}`;
}

/**
 * Resolves credentials: from the environment with a 0600 token file under `home/strava/`, or, with
 * `VOYAGER_SSM_PREFIX`, the rotating refresh token from SSM (`<prefix>/strava/refresh_token`, the
 * extract image's rotating secret) and the app id and secret from the environment when set (ECS
 * injects them) or else from SSM (`<prefix>/strava/client_id`, `<prefix>/strava/client_secret`).
 * @throws StravaCredentialsError naming each missing SSM parameter.
 */
export async function resolveStravaCredentials(
  settings: StravaSettings,
  options: { readonly home: string; readonly ssm?: Pick<SSMClient, 'send'> },
): Promise<StravaCredentials> {
  if (settings.credentialSource === 'env') {
    return {
      clientId: settings.STRAVA_CLIENT_ID,
      clientSecret: settings.STRAVA_CLIENT_SECRET,
      tokenStore: new FileTokenStore(
        join(options.home, 'strava', `tokens-${settings.STRAVA_CLIENT_ID}.json`),
        settings.STRAVA_REFRESH_TOKEN,
      ),
    };
  }
  const prefix = settings.VOYAGER_SSM_PREFIX;
  const ssm = options.ssm ?? new SSMClient({});
  const fromEnv = {
    STRAVA_CLIENT_ID: settings.STRAVA_CLIENT_ID,
    STRAVA_CLIENT_SECRET: settings.STRAVA_CLIENT_SECRET,
  };
  const wanted = (['STRAVA_CLIENT_ID', 'STRAVA_CLIENT_SECRET'] as const).filter((k) => !fromEnv[k]);
  const names = wanted.map((k) => parameterName(prefix, k));
  const out =
    names.length === 0
      ? { Parameters: [] }
      : await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
  const value = (name: string) => out.Parameters?.find((p) => p.Name === name)?.Value;
  const missing = names.filter((n) => !value(n));
  if (missing.length > 0)
    throw new StravaCredentialsError(
      missing.map((n) => `SSM parameter ${n}: is missing (VOYAGER_SSM_PREFIX=${prefix})`),
    );
  return {
    clientId: fromEnv.STRAVA_CLIENT_ID ?? value(parameterName(prefix, 'STRAVA_CLIENT_ID'))!,
    clientSecret: fromEnv.STRAVA_CLIENT_SECRET ?? value(parameterName(prefix, 'STRAVA_CLIENT_SECRET'))!,
    tokenStore: new SsmTokenStore(ssm, parameterName(prefix, 'STRAVA_REFRESH_TOKEN')),
  };
}
