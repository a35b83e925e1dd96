import { join } from 'node:path';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
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
 * Resolves credentials: from the environment with a 0600 token file under `home/strava/`, or from
 * SSM (`<prefix>/client_id`, `<prefix>/client_secret` and the SecureString `<prefix>/refresh_token`).
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
  const prefix = settings.STRAVA_SSM_PREFIX;
  const ssm = options.ssm ?? new SSMClient({});
  const names = ['client_id', 'client_secret', 'refresh_token'].map((n) => `${prefix}/${n}`);
  const out = await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
  const value = (name: string) => out.Parameters?.find((p) => p.Name === name)?.Value;
  const missing = names.filter((n) => !value(n));
  if (missing.length > 0)
    throw new StravaCredentialsError(
      missing.map((n) => `SSM parameter ${n}: is missing (STRAVA_SSM_PREFIX=${prefix})`),
    );
  return {
    clientId: value(names[0]!)!,
    clientSecret: value(names[1]!)!,
    tokenStore: new SsmTokenStore(ssm, prefix),
  };
}
