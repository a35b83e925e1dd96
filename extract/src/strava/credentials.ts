import { join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import { readSecretParameters, secretParameterName } from '../ssm-secrets.js';
import { StravaCredentialsError } from './errors.js';
import type { StravaSettings } from './strava-environment.js';
import { FileTokenStore, SsmTokenStore, type TokenStore } from './token-store.js';

/** The app credentials plus where the athlete's rotating refresh token lives. Never logged. */
export interface StravaCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenStore: TokenStore;
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
  const { values, missing } = await readSecretParameters(ssm, prefix, {
    STRAVA_CLIENT_ID: settings.STRAVA_CLIENT_ID,
    STRAVA_CLIENT_SECRET: settings.STRAVA_CLIENT_SECRET,
  });
  if (missing.length > 0) throw new StravaCredentialsError(missing);
  return {
    clientId: values.STRAVA_CLIENT_ID,
    clientSecret: values.STRAVA_CLIENT_SECRET,
    tokenStore: new SsmTokenStore(ssm, secretParameterName(prefix, 'STRAVA_REFRESH_TOKEN')),
  };
}
