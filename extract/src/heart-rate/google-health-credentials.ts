import { join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import { readSecretParameters, secretParameterName } from '../ssm-secrets.js';
import { FileTokenStore, SsmTokenStore } from '../strava/token-store.js';
import { GoogleHealthCredentialsError } from './errors.js';
import type { GoogleHealthSettings } from './google-health-environment.js';
import type { GoogleCredentials } from './google-oauth.js';

/**
 * Resolves the Google OAuth credentials of the heart-rate asset, as Strava's are resolved: from
 * the environment with a 0600 token file `home/google-health/tokens-<client id>.json`, or, in AWS
 * (`credentialSource: 'ssm'`), the rotating refresh token in SSM
 * (`<prefix>/google_health/refresh_token`, the extract image's rotating secret, written back after
 * every rotation with its previous version kept by SSM) and the client id and secret from the
 * environment when set (ECS injects them) or else from SSM (`<prefix>/google_health/client_id`,
 * `<prefix>/google_health/client_secret`).
 *
 * @throws GoogleHealthCredentialsError naming each missing SSM parameter, never a value.
 */
export async function resolveGoogleHealthCredentials(
  settings: GoogleHealthSettings,
  options: { readonly home: string; readonly ssm?: Pick<SSMClient, 'send'> },
): Promise<GoogleCredentials> {
  if (settings.credentialSource === 'env') {
    const id = settings.GOOGLE_HEALTH_CLIENT_ID;
    return {
      clientId: id,
      clientSecret: settings.GOOGLE_HEALTH_CLIENT_SECRET,
      tokenStore: new FileTokenStore(
        join(options.home, 'google-health', `tokens-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`),
        settings.GOOGLE_HEALTH_REFRESH_TOKEN,
      ),
    };
  }
  const prefix = settings.VOYAGER_SSM_PREFIX;
  const ssm = options.ssm ?? new SSMClient({});
  const { values, missing } = await readSecretParameters(ssm, prefix, {
    GOOGLE_HEALTH_CLIENT_ID: settings.GOOGLE_HEALTH_CLIENT_ID,
    GOOGLE_HEALTH_CLIENT_SECRET: settings.GOOGLE_HEALTH_CLIENT_SECRET,
  });
  if (missing.length > 0) throw new GoogleHealthCredentialsError(missing);
  return {
    clientId: values.GOOGLE_HEALTH_CLIENT_ID,
    clientSecret: values.GOOGLE_HEALTH_CLIENT_SECRET,
    tokenStore: new SsmTokenStore(ssm, secretParameterName(prefix, 'GOOGLE_HEALTH_REFRESH_TOKEN')),
  };
}
