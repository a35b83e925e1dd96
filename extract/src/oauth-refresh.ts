import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { StoredTokens, TokenStore } from './strava/token-store.js';

/** Refresh this long before expiry (seconds), at most half the token's lifetime. */
const MARGIN_SECONDS = 5 * 60;
/** Reads of the token store after a refresh lost a race (the first one immediate). */
const RACE_READS = 3;

/** One refresh at a time per token store in this process (assets run in parallel). */
const refreshLocks = new Map<string, Promise<unknown>>();

/** A grant's answer: the new access token, its expiry (epoch s) and a rotated refresh token, if any. */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly refreshToken?: string;
}

/** What differs between OAuth providers (Strava, Google); every message names no token. */
export interface OAuthProvider {
  /** `Strava`, `Google`: for messages and logs. */
  readonly name: string;
  /** A 2xx token response as {@link GrantedTokens}; `undefined` when it does not match the provider's schema. */
  parseGrant(json: unknown, nowS: number): GrantedTokens | undefined;
  /** Whether a failed grant says the refresh token is no longer valid (rotated by another process, or revoked). */
  refusesRefreshToken(status: number, json: unknown): boolean;
  /** The non-retryable error of a refused grant (400/401), or of `status` 0 with `message` (no token stored). */
  authError(status: number, json: unknown, location: string): Error;
  /** A retryable failure: network (`status` 0), 5xx, a body that does not match. */
  apiError(message: string, status: number): Error;
}

/** The OAuth client and where the person's rotating refresh token lives. Never logged. */
export interface OAuthCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenStore: TokenStore;
}

/** Options of {@link RefreshTokenManager}. */
export interface RefreshTokenManagerOptions {
  readonly oauthUrl: string;
  readonly dispatcher: Dispatcher;
  readonly log: Logger;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Pause between re-reads of the store after a lost refresh race; default 1,000 ms. */
  readonly raceWaitMs?: number;
}

/**
 * Keeps a valid access token for one person's OAuth 2.0 refresh token (Strava's and Google's
 * clients share it): a refresh-token grant (`grant_type=refresh_token`, RFC 6749 section 6) only
 * when the current token expires within 5 minutes (at most half its lifetime), and the newest
 * refresh token, with the one it replaced, durably saved before the new access token is used,
 * since a rotating provider invalidates the old one. Grants are serialised per token store in the
 * process and re-read the store first, adopting a token another step just obtained. When the
 * provider refuses the refresh token, the store is re-read up to 3 times, `raceWaitMs` apart
 * (another process may have rotated it and not saved yet), and the grant retried once with the
 * newer token; failing that, the replaced token is tried once (a crash between the provider's
 * rotation and our save).
 */
export class RefreshTokenManager {
  #tokens: StoredTokens | undefined;
  #pending: Promise<string> | undefined;
  /** An access token the API refused (401): never adopted again from the store. */
  #rejected: string | undefined;
  /** Lifetime of the access token this manager obtained, in seconds (unknown for a stored one). */
  #lifetimeS = Infinity;
  /** Refresh grants made by this manager. */
  refreshes = 0;

  constructor(
    private readonly provider: OAuthProvider,
    private readonly credentials: OAuthCredentials,
    private readonly options: RefreshTokenManagerOptions,
  ) {}

  #nowS(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000);
  }

  #margin(): number {
    return Math.min(MARGIN_SECONDS, Math.floor(this.#lifetimeS / 2));
  }

  /** A bearer token valid for at least the margin. @throws the provider's auth error when the grant is refused. */
  async accessToken(): Promise<string> {
    this.#tokens ??= await this.credentials.tokenStore.load();
    if (!this.#tokens) throw this.provider.authError(0, undefined, this.credentials.tokenStore.location);
    if (this.#tokens.accessToken && (this.#tokens.expiresAt ?? 0) - this.#nowS() > this.#margin())
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
      const location = this.credentials.tokenStore.location;
      const mine = (refreshLocks.get(location) ?? Promise.resolve()).then(() => this.#locked(false));
      refreshLocks.set(
        location,
        mine.catch(() => undefined),
      );
      this.#pending = mine.finally(() => (this.#pending = undefined));
    }
    return this.#pending;
  }

  async #locked(isRetry: boolean, usePrevious = false): Promise<string> {
    const { tokenStore } = this.credentials;
    const loaded = await tokenStore.load();
    const stored =
      usePrevious && loaded?.previousRefreshToken ? { refreshToken: loaded.previousRefreshToken } : loaded;
    // another step refreshed while we waited: its access token is good, and our refresh token is spent
    const adoptable =
      stored?.accessToken !== undefined &&
      stored.accessToken !== this.#tokens?.accessToken &&
      stored.accessToken !== this.#rejected;
    if (adoptable && stored?.accessToken && (stored.expiresAt ?? 0) - this.#nowS() > this.#margin()) {
      this.#tokens = stored;
      return stored.accessToken;
    }
    const current = stored ?? this.#tokens;
    if (!current) throw this.provider.authError(0, undefined, tokenStore.location);
    const { status, json } = await this.#grant(current.refreshToken);
    if (this.provider.refusesRefreshToken(status, json)) {
      if (!isRetry && (await this.#storeMovesOn(current.refreshToken))) return this.#locked(true);
      const latest = usePrevious ? undefined : await tokenStore.load();
      if (latest?.previousRefreshToken && latest.previousRefreshToken !== current.refreshToken) {
        this.options.log.warn(
          { store: tokenStore.location },
          `${this.provider.name.toLowerCase()} refused the stored refresh token; trying the one it replaced`,
        );
        return this.#locked(true, true);
      }
    }
    if (status === 400 || status === 401) throw this.provider.authError(status, json, tokenStore.location);
    if (status >= 300)
      throw this.provider.apiError(`${this.provider.name} token refresh returned HTTP ${status}`, status);
    const nowS = this.#nowS();
    const granted = this.provider.parseGrant(json, nowS);
    if (!granted)
      throw this.provider.apiError(`${this.provider.name} token response did not match its schema`, status);
    const refreshToken = granted.refreshToken ?? current.refreshToken;
    const rotated = refreshToken !== current.refreshToken;
    this.#tokens = {
      refreshToken,
      ...(rotated ? { previousRefreshToken: current.refreshToken } : {}),
      accessToken: granted.accessToken,
      expiresAt: granted.expiresAt,
    };
    this.#lifetimeS = granted.expiresAt - nowS;
    // durably saved before the new access token is used: a crash before this line leaves the old
    // refresh token in the store, whose rotation was never used
    await tokenStore.save(this.#tokens);
    this.refreshes++;
    this.options.log.info(
      { store: tokenStore.location, expiresAt: granted.expiresAt, rotated },
      `${this.provider.name.toLowerCase()} token refreshed`,
    );
    return granted.accessToken;
  }

  /** POSTs the refresh-token grant; the status and the parsed body (`undefined` when not JSON). */
  async #grant(refreshToken: string): Promise<{ status: number; json: unknown }> {
    try {
      const res = await request(this.options.oauthUrl, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        dispatcher: this.options.dispatcher,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
      return { status: res.statusCode, json: await res.body.json().catch(() => undefined) };
    } catch (error) {
      throw this.provider.apiError(
        `${this.provider.name} token refresh failed: ${(error as Error).message}`,
        0,
      );
    }
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
