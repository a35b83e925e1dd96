import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { Logger } from 'pino';
import { TOKEN_REFRESH_MARGIN_SECONDS } from './constants.js';
import type { StravaCredentials } from './credentials.js';
import { StravaApiError, StravaAuthError } from './errors.js';
import { StravaErrorBody, TokenResponse } from './schemas.js';
import type { StoredTokens } from './token-store.js';

/**
 * Keeps a valid access token: refreshes (`POST /oauth/token`, `grant_type=refresh_token`) only when
 * the current one expires within 5 minutes, and persists the newest refresh token before using the
 * new access token, since Strava invalidates the old refresh token
 * (https://developers.strava.com/docs/authentication/#refreshingexpiredaccesstokens).
 */
export class TokenManager {
  #tokens: StoredTokens | undefined;
  /** Refresh grants made by this manager. */
  refreshes = 0;

  constructor(
    private readonly credentials: StravaCredentials,
    private readonly options: {
      readonly oauthUrl: string;
      readonly dispatcher: Dispatcher;
      readonly log: Logger;
      readonly now?: () => number;
      readonly signal?: AbortSignal;
    },
  ) {}

  /** A bearer token valid for at least 5 more minutes. @throws StravaAuthError when Strava rejects the credentials. */
  async accessToken(): Promise<string> {
    this.#tokens ??= await this.credentials.tokenStore.load();
    if (!this.#tokens)
      throw new StravaAuthError(
        `no Strava refresh token in ${this.credentials.tokenStore.location}`,
        0,
        '/oauth/token',
      );
    const nowS = Math.floor((this.options.now ?? Date.now)() / 1000);
    if (this.#tokens.accessToken && (this.#tokens.expiresAt ?? 0) - nowS > TOKEN_REFRESH_MARGIN_SECONDS)
      return this.#tokens.accessToken;
    return this.refresh();
  }

  /** Drops the cached access token (after a 401 on a token that looked valid). */
  invalidate(): void {
    if (this.#tokens) this.#tokens = { refreshToken: this.#tokens.refreshToken };
  }

  async refresh(): Promise<string> {
    const current = this.#tokens ?? (await this.credentials.tokenStore.load());
    if (!current)
      throw new StravaAuthError(
        `no Strava refresh token in ${this.credentials.tokenStore.location}`,
        0,
        '/oauth/token',
      );
    const body = new URLSearchParams({
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: current.refreshToken,
    }).toString();
    let res;
    try {
      res = await request(this.options.oauthUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        dispatcher: this.options.dispatcher,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
    } catch (error) {
      throw new StravaApiError(`Strava token refresh failed: ${(error as Error).message}`, 0, '/oauth/token');
    }
    const json: unknown = await res.body.json().catch(() => undefined);
    if (res.statusCode === 400 || res.statusCode === 401) {
      const detail = StravaErrorBody.safeParse(json);
      const what =
        detail.success && Array.isArray(detail.data.errors)
          ? detail.data.errors.map((e) => `${e.resource}.${e.field} ${e.code}`).join(', ')
          : `HTTP ${res.statusCode}`;
      throw new StravaAuthError(
        `Strava rejected the token refresh (${res.statusCode}: ${what}); check STRAVA_CLIENT_ID / STRAVA_CLIENT_SECRET and get a new refresh token if it was revoked (stored in ${this.credentials.tokenStore.location})`,
        res.statusCode,
        '/oauth/token',
      );
    }
    if (res.statusCode >= 300)
      throw new StravaApiError(
        `Strava token refresh returned HTTP ${res.statusCode}`,
        res.statusCode,
        '/oauth/token',
      );
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success)
      throw new StravaApiError(
        'Strava token response did not match TokenResponse',
        res.statusCode,
        '/oauth/token',
      );
    this.#tokens = {
      refreshToken: parsed.data.refresh_token,
      accessToken: parsed.data.access_token,
      expiresAt: parsed.data.expires_at,
    };
    await this.credentials.tokenStore.save(this.#tokens);
    this.refreshes++;
    this.options.log.info(
      { expiresAt: parsed.data.expires_at, store: this.credentials.tokenStore.location },
      'strava token refreshed',
    );
    return parsed.data.access_token;
  }
}
