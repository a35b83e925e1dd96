import {
  RefreshTokenManager,
  type OAuthCredentials,
  type OAuthProvider,
  type RefreshTokenManagerOptions,
} from '../oauth-refresh.js';
import { GoogleHealthApiError, GoogleHealthAuthError } from './errors.js';
import { GoogleTokenResponse } from './schemas.js';

/** What the token manager needs: the OAuth client and where the rotating refresh token lives. */
export type GoogleCredentials = OAuthCredentials;

/** The `error` of Google's OAuth error body (`invalid_grant`, `invalid_client`...). */
const errorCode = (json: unknown): string | undefined => {
  const error = (json as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
};

/**
 * Google's token endpoint (`POST https://oauth2.googleapis.com/token`,
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline): `expires_in`
 * seconds and, when refresh-token rotation is on for the client, a new `refresh_token`; a refresh
 * token Google no longer accepts is a 400 `invalid_grant`
 * (https://developers.google.com/identity/protocols/oauth2#expiration).
 */
const GOOGLE_OAUTH: OAuthProvider = {
  name: 'Google',
  parseGrant(json, nowS) {
    const parsed = GoogleTokenResponse.safeParse(json);
    if (!parsed.success) return undefined;
    return {
      accessToken: parsed.data.access_token,
      expiresAt: nowS + parsed.data.expires_in,
      ...(parsed.data.refresh_token ? { refreshToken: parsed.data.refresh_token } : {}),
    };
  },
  refusesRefreshToken: (status, json) => status === 400 && errorCode(json) === 'invalid_grant',
  authError(status, json, location) {
    if (status === 0) return new GoogleHealthAuthError(`no Google refresh token in ${location}`, 0, '/token');
    return new GoogleHealthAuthError(
      `Google refused the token refresh (${status}: ${errorCode(json) ?? 'no reason'}); check GOOGLE_HEALTH_CLIENT_ID / GOOGLE_HEALTH_CLIENT_SECRET and get a new refresh token if it was revoked (stored in ${location})`,
      status,
      '/token',
    );
  },
  apiError: (message, status) => new GoogleHealthApiError(message, status, '/token'),
};

/**
 * Keeps a valid Google access token for one person ({@link RefreshTokenManager} with Google's
 * token endpoint): the rotated refresh token is saved to the token store (a 0600 file, or SSM in
 * AWS) with the one it replaced before the new access token is used.
 * @throws GoogleHealthAuthError when Google refuses the grant; GoogleHealthApiError for other failures.
 */
export class GoogleTokenManager extends RefreshTokenManager {
  constructor(credentials: GoogleCredentials, options: RefreshTokenManagerOptions) {
    super(GOOGLE_OAUTH, credentials, options);
  }
}
