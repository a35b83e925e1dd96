import { request, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { TokenStore, StoredTokens } from '../strava/token-store.js';
import { GoogleHealthApiError, GoogleHealthAuthError } from './errors.js';
import { GoogleTokenResponse } from './schemas.js';

/** Refresh this long before expiry (seconds), at most half the token's lifetime. */
const MARGIN_SECONDS = 300;
/** Re-reads of the token store after Google refused our refresh token (another process may have rotated it). */
const RACE_READS = 3;

/** One grant at a time per token store in this process: parallel steps share the rotating token. */
const storeLocks = new Map<string, Promise<unknown>>();

/** What the token manager needs: the OAuth client and where the rotating refresh token lives. */
export interface GoogleCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenStore: TokenStore;
}

/**
 * Keeps a valid Google access token for one person: a refresh-token grant
 * (`POST https://oauth2.googleapis.com/token`, `grant_type=refresh_token`,
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline) when the current one
 * expires within 5 minutes. Google answers with `expires_in` seconds and, when refresh-token
 * rotation is on for the client, a new `refresh_token`: it is saved to the token store (a 0600
 * file like Strava's, with the one it replaced) before the new access token is used. Grants are
 * serialised per token store in the process, and each re-reads the store first, adopting a token
 * another step just obtained; when Google refuses the refresh token (`invalid_grant`: another
 * process rotated it), the store is re-read up to 3 times, `raceWaitMs` apart, and the grant
 * retried once with the newer token.
 */
export class GoogleTokenManager {
  #tokens: StoredTokens | undefined;
  #pending: Promise<string> | undefined;
  /** An access token the API refused (401): never adopted again from the store. */
  #rejected: string | undefined;
  #lifetimeS = Infinity;
  /** Refresh grants made. */
  refreshes = 0;

  constructor(
    private readonly credentials: GoogleCredentials,
    private readonly options: {
      readonly oauthUrl: string;
      readonly dispatcher: Dispatcher;
      readonly log: Logger;
      readonly now?: () => number;
      readonly signal?: AbortSignal;
      /** Pause between re-reads of the store after a lost race; default 1,000 ms. */
      readonly raceWaitMs?: number;
    },
  ) {}

  /** A bearer token valid for at least the margin. @throws GoogleHealthAuthError when Google refuses the grant. */
  async accessToken(): Promise<string> {
    this.#tokens ??= await this.credentials.tokenStore.load();
    const nowS = Math.floor((this.options.now ?? Date.now)() / 1000);
    const margin = Math.min(MARGIN_SECONDS, Math.floor(this.#lifetimeS / 2));
    if (this.#tokens?.accessToken && (this.#tokens.expiresAt ?? 0) - nowS > margin)
      return this.#tokens.accessToken;
    return this.refresh();
  }

  /** Forgets the access token (the API answered 401 to it). */
  invalidate(): void {
    this.#rejected = this.#tokens?.accessToken;
    if (this.#tokens) this.#tokens = { refreshToken: this.#tokens.refreshToken };
  }

  /** Refreshes now (concurrent callers share one grant; one grant per token store in the process). */
  refresh(): Promise<string> {
    if (!this.#pending) {
      const where = this.credentials.tokenStore.location;
      const mine = (storeLocks.get(where) ?? Promise.resolve()).then(() => this.#lockedGrant());
      storeLocks.set(
        where,
        mine.catch(() => undefined),
      );
      this.#pending = mine.finally(() => (this.#pending = undefined));
    }
    return this.#pending;
  }

  async #lockedGrant(): Promise<string> {
    const stored = await this.credentials.tokenStore.load();
    const nowS = Math.floor((this.options.now ?? Date.now)() / 1000);
    // another step refreshed while we waited: its access token is good, and our refresh token is spent
    const adoptable =
      stored?.accessToken !== undefined &&
      stored.accessToken !== this.#tokens?.accessToken &&
      stored.accessToken !== this.#rejected;
    if (adoptable && stored?.accessToken && (stored.expiresAt ?? 0) - nowS > MARGIN_SECONDS) {
      this.#tokens = stored;
      return stored.accessToken;
    }
    try {
      return await this.#grant(stored ?? this.#tokens);
    } catch (error) {
      if (!(error instanceof GoogleHealthAuthError) || error.status !== 400 || !stored) throw error;
      for (let read = 0; read < RACE_READS; read++) {
        await new Promise((r) => setTimeout(r, this.options.raceWaitMs ?? 1_000));
        const latest = await this.credentials.tokenStore.load();
        if (latest && latest.refreshToken !== stored.refreshToken) return this.#grant(latest);
      }
      throw error;
    }
  }

  async #grant(current: StoredTokens | undefined): Promise<string> {
    const where = this.credentials.tokenStore.location;
    if (!current) throw new GoogleHealthAuthError(`no Google refresh token in ${where}`, 0, '/token');
    let res;
    try {
      res = await request(this.options.oauthUrl, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: current.refreshToken,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        dispatcher: this.options.dispatcher,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
    } catch (error) {
      throw new GoogleHealthApiError(`Google token refresh failed: ${(error as Error).message}`, 0, '/token');
    }
    const json = (await res.body.json().catch(() => undefined)) as { error?: unknown } | undefined;
    if (res.statusCode === 400 || res.statusCode === 401)
      throw new GoogleHealthAuthError(
        `Google refused the token refresh (${res.statusCode}: ${String(json?.error ?? 'no reason')}); check GOOGLE_HEALTH_CLIENT_ID / GOOGLE_HEALTH_CLIENT_SECRET and get a new refresh token if it was revoked (stored in ${where})`,
        res.statusCode,
        '/token',
      );
    const parsed = GoogleTokenResponse.safeParse(json);
    if (res.statusCode !== 200 || !parsed.success)
      throw new GoogleHealthApiError(
        `Google token refresh returned HTTP ${res.statusCode}`,
        res.statusCode,
        '/token',
      );
    const nowS = Math.floor((this.options.now ?? Date.now)() / 1000);
    const rotated = parsed.data.refresh_token ?? current.refreshToken;
    this.#tokens = {
      refreshToken: rotated,
      ...(rotated !== current.refreshToken ? { previousRefreshToken: current.refreshToken } : {}),
      accessToken: parsed.data.access_token,
      expiresAt: nowS + parsed.data.expires_in,
    };
    this.#lifetimeS = parsed.data.expires_in;
    await this.credentials.tokenStore.save(this.#tokens);
    this.refreshes++;
    this.options.log.info(
      { store: where, rotated: rotated !== current.refreshToken },
      'google token refreshed',
    );
    return parsed.data.access_token;
  }
}
