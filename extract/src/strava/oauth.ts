import {
  RefreshTokenManager,
  type OAuthProvider,
  type RefreshTokenManagerOptions,
} from '../oauth-refresh.js';
import type { StravaCredentials } from './credentials.js';
import { StravaApiError, StravaAuthError } from './errors.js';
import { StravaErrorBody, TokenResponse } from './schemas.js';

/** Strava's 400 for a refresh token it no longer accepts (rotated by someone else, or revoked). */
const refreshTokenRefused = (status: number, json: unknown): boolean => {
  const body = StravaErrorBody.safeParse(json);
  return (
    status === 400 &&
    body.success &&
    Array.isArray(body.data.errors) &&
    body.data.errors.some((e) => e.resource === 'RefreshToken')
  );
};

/** Strava's token endpoint (`POST /oauth/token`), its answer (`expires_at` epoch s) and its errors. */
const STRAVA_OAUTH: OAuthProvider = {
  name: 'Strava',
  parseGrant(json) {
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) return undefined;
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      expiresAt: parsed.data.expires_at,
    };
  },
  refusesRefreshToken: refreshTokenRefused,
  authError(status, json, location) {
    if (status === 0) return new StravaAuthError(`no Strava refresh token in ${location}`, 0, '/oauth/token');
    const detail = StravaErrorBody.safeParse(json);
    const what =
      detail.success && Array.isArray(detail.data.errors)
        ? detail.data.errors.map((e) => `${e.resource}.${e.field} ${e.code}`).join(', ')
        : `HTTP ${status}`;
    return new StravaAuthError(
      `Strava rejected the token refresh (${status}: ${what}); check STRAVA_CLIENT_ID / STRAVA_CLIENT_SECRET and get a new refresh token if it was revoked (stored in ${location})`,
      status,
      '/oauth/token',
    );
  },
  apiError: (message, status) => new StravaApiError(message, status, '/oauth/token'),
};

/**
 * Keeps a valid Strava access token ({@link RefreshTokenManager}): refreshes
 * (`POST /oauth/token`, `grant_type=refresh_token`) only near expiry and durably persists the
 * newest refresh token, with the one it replaced, before using the new access token, since Strava
 * invalidates the old refresh token
 * (https://developers.strava.com/docs/authentication/#refreshingexpiredaccesstokens).
 * @throws StravaAuthError when Strava rejects the credentials; StravaApiError for other failures.
 */
export class TokenManager extends RefreshTokenManager {
  constructor(credentials: StravaCredentials, options: RefreshTokenManagerOptions) {
    super(STRAVA_OAUTH, credentials, options);
  }
}
