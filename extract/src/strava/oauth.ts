import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { Logger } from 'pino';
import { TOKEN_REFRESH_MARGIN_SECONDS } from './constants.js';
import type { StravaCredentials } from './credentials.js';
import { StravaApiError, StravaAuthError } from './errors.js';
import { StravaErrorBody, TokenResponse } from './schemas.js';
import type { StoredTokens } from './token-store.js';

/** Re-reads of the token store after a refresh lost a race (the first one immediate). */
const RACE_READS = 3;

/** Strava's 400 for a refresh token it no longer accepts (rotated by someone else, or revoked). */
const refreshTokenRefused = (json: unknown): boolean => {
  const body = StravaErrorBody.safeParse(json);
  return (
    body.success &&
    Array.isArray(body.data.errors) &&
    body.data.errors.some((e) => e.resource === 'RefreshToken')
  );
};

/** One refresh at a time per token store in this process (assets run in parallel). */
const refreshLocks = new Map<string, Promise<void>>();

/**
 * Keeps a valid access token: refreshes (`POST /oauth/token`, `grant_type=refresh_token`) only when
 * the current one expires within the refresh margin (5 minutes, at most half the token's lifetime,
 * so a short-lived token is not refreshed before every request), and durably persists the newest
 * refresh token, with the one it replaced, before using the new access token, since Strava
 * invalidates the old refresh token
 * (https://developers.strava.com/docs/authentication/#refreshingexpiredaccesstokens). When Strava
 * refuses the stored refresh token, the replaced one is tried once.
 */
export class TokenManager {
  #tokens: StoredTokens | undefined;
  /** An access token Strava refused (401): never adopted again from the store. */
  #rejected: string | undefined;
  /** Refresh grants made by this manager. */
  refreshes = 0;
  /** Lifetime of the access token this manager obtained, in seconds (unknown for a stored one). */
  #lifetimeS: number | undefined;

  /** Seconds before expiry at which a token counts as expired: 5 minutes, at most half its lifetime. */
  #margin(): number {
    return Math.min(TOKEN_REFRESH_MARGIN_SECONDS, Math.floor((this.#lifetimeS ?? Infinity) / 2));
  }

  constructor(
    private readonly credentials: StravaCredentials,
    private readonly options: {
      readonly oauthUrl: string;
      readonly dispatcher: Dispatcher;
      readonly log: Logger;
      readonly now?: () => number;
      readonly signal?: AbortSignal;
      /** Pause between re-reads of the store after a lost refresh race; default 1,000 ms. */
      readonly raceWaitMs?: number;
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
    if (this.#tokens.accessToken && (this.#tokens.expiresAt ?? 0) - nowS > this.#margin())
      return this.#tokens.accessToken;
    return this.refresh();
  }

  /** Drops the cached access token (after a 401 on a token that looked valid). */
  invalidate(): void {
    this.#rejected = this.#tokens?.accessToken;
    if (this.#tokens) this.#tokens = { refreshToken: this.#tokens.refreshToken };
  }

  /**
   * Refreshes now. Serialised per token store within the process, and it re-reads the store first:
   * when another asset refreshed meanwhile (Strava invalidates the refresh token we hold), its
   * tokens are adopted instead of spending (and failing) a grant with the stale refresh token.
   * Another process can still win the race (parallel ECS tasks on one SSM parameter): when Strava
   * refuses our refresh token, the store is re-read up to three times, `raceWaitMs` apart
   * (default 1 s), and the grant is retried once with the newer token the winner saved.
   */
  async refresh(): Promise<string> {
    const location = this.credentials.tokenStore.location;
    const previous = refreshLocks.get(location) ?? Promise.resolve();
    const mine = previous.then(() => this.#refreshLocked(false));
    refreshLocks.set(
      location,
      mine.then(
        () => undefined,
        () => undefined,
      ),
    );
    return mine;
  }

  async #refreshLocked(isRetry: boolean, usePrevious = false): Promise<string> {
    const loaded = await this.credentials.tokenStore.load();
    // the replaced token, after Strava refused the newest (a crash between its rotation and our save)
    const stored =
      usePrevious && loaded?.previousRefreshToken ? { refreshToken: loaded.previousRefreshToken } : loaded;
    const nowS = Math.floor((this.options.now ?? Date.now)() / 1000);
    const fresh =
      stored?.accessToken !== undefined &&
      stored.accessToken !== this.#tokens?.accessToken &&
      stored.accessToken !== this.#rejected;
    if (fresh && stored?.accessToken && (stored.expiresAt ?? 0) - nowS > this.#margin()) {
      this.#tokens = stored;
      return stored.accessToken;
    }
    const current = stored ?? this.#tokens;
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
    if (res.statusCode === 400 && !isRetry && refreshTokenRefused(json)) {
      // Another process (a parallel ECS task) may have rotated the token after we read it, and not
      // saved the new one yet (the SSM store keeps no access token to adopt): wait for it, then
      // refresh once more with the newest.
      if (await this.#storeMovesOn(current.refreshToken)) return this.#refreshLocked(true);
    }
    if (res.statusCode === 400 && !usePrevious && refreshTokenRefused(json)) {
      const latest = await this.credentials.tokenStore.load();
      if (latest?.previousRefreshToken && latest.previousRefreshToken !== current.refreshToken) {
        this.options.log.warn(
          { store: this.credentials.tokenStore.location },
          'strava refused the stored refresh token; trying the one it replaced',
        );
        return this.#refreshLocked(true, true);
      }
    }
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
      ...(parsed.data.refresh_token !== current.refreshToken
        ? { previousRefreshToken: current.refreshToken }
        : {}),
      accessToken: parsed.data.access_token,
      expiresAt: parsed.data.expires_at,
    };
    this.#lifetimeS = parsed.data.expires_at - nowS;
    // durably saved before the new access token is used: a crash before this line leaves the old
    // refresh token in the store, whose rotation was never used
    await this.credentials.tokenStore.save(this.#tokens);
    this.refreshes++;
    this.options.log.info(
      { expiresAt: parsed.data.expires_at, store: this.credentials.tokenStore.location },
      'strava token refreshed',
    );
    return parsed.data.access_token;
  }

  /** Whether the store holds a refresh token other than `refused` within {@link RACE_READS} reads. */
  async #storeMovesOn(refused: string): Promise<boolean> {
    for (let read = 0; read < RACE_READS; read++) {
      if (read > 0)
        await sleep(
          this.options.raceWaitMs ?? 1_000,
          undefined,
          this.options.signal ? { signal: this.options.signal } : {},
        );
      const latest = await this.credentials.tokenStore.load();
      if (latest && latest.refreshToken !== refused) return true;
    }
    return false;
  }
}
