import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The demo app and athlete credentials the simulator accepts (not secrets: they only open the simulator). */
export const SIMULATOR_CREDENTIALS = Object.freeze({
  clientId: '24523',
  clientSecret: 'simulator-client-secret',
  refreshToken: 'simulator-refresh-token',
});

/** Outcome of a refresh-token grant. */
export type GrantResult =
  | {
      readonly kind: 'ok';
      readonly accessToken: string;
      readonly refreshToken: string;
      readonly expiresAt: number;
    }
  | { readonly kind: 'invalid_client' | 'bad_secret' | 'invalid_refresh_token' };

/**
 * Strava's token rules, simulated: each refresh-token grant returns a new refresh token and
 * invalidates the previous one; access tokens expire after `accessTokenTtlSeconds` (Strava: 6 h).
 * With a `stateFile`, the current refresh token and the unexpired access tokens survive a
 * restart, as Strava's would.
 */
export class TokenAuthority {
  #refreshToken: string = SIMULATOR_CREDENTIALS.refreshToken;
  readonly #access = new Map<string, number>();
  /** Refresh-token grants served. */
  grants = 0;

  constructor(
    private readonly options: {
      readonly accessTokenTtlSeconds: number;
      readonly stateFile?: string;
      readonly now: () => number;
    },
  ) {}

  /** Loads the persisted refresh token and unexpired access tokens, if any. */
  async load(): Promise<void> {
    if (!this.options.stateFile) return;
    try {
      const state = JSON.parse(await readFile(this.options.stateFile, 'utf8')) as {
        refreshToken?: string;
        access?: Record<string, number>;
      };
      if (typeof state.refreshToken === 'string') this.#refreshToken = state.refreshToken;
      for (const [token, expiresAt] of Object.entries(state.access ?? {}))
        if (typeof expiresAt === 'number') this.#access.set(token, expiresAt);
    } catch {
      // first start: the demo token is the valid one
    }
  }

  /** The refresh token valid right now (tests use it to check rotation). */
  get currentRefreshToken(): string {
    return this.#refreshToken;
  }

  /** Serves `grant_type=refresh_token`: checks the client, the secret and that the refresh token is the current one, then rotates it. */
  async grant(params: URLSearchParams): Promise<GrantResult> {
    if (params.get('client_id') !== SIMULATOR_CREDENTIALS.clientId) return { kind: 'invalid_client' };
    if (params.get('client_secret') !== SIMULATOR_CREDENTIALS.clientSecret) return { kind: 'bad_secret' };
    if (params.get('grant_type') !== 'refresh_token' || params.get('refresh_token') !== this.#refreshToken) {
      return { kind: 'invalid_refresh_token' };
    }
    this.grants++;
    this.#refreshToken = `sim-refresh-${randomBytes(12).toString('hex')}`;
    const accessToken = `sim-access-${randomBytes(12).toString('hex')}`;
    const expiresAt = Math.floor(this.options.now() / 1000) + this.options.accessTokenTtlSeconds;
    this.#access.set(accessToken, expiresAt);
    if (this.options.stateFile) {
      // issued access tokens stay valid across a restart, as Strava's do until they expire
      const nowS = Math.floor(this.options.now() / 1000);
      const access = Object.fromEntries([...this.#access].filter(([, at]) => at > nowS));
      await mkdir(dirname(this.options.stateFile), { recursive: true });
      await writeFile(this.options.stateFile, JSON.stringify({ refreshToken: this.#refreshToken, access }), {
        mode: 0o600,
      });
    }
    return { kind: 'ok', accessToken, refreshToken: this.#refreshToken, expiresAt };
  }

  /** Whether `authorization` (`Bearer <token>`) carries a known, unexpired access token. */
  authorizes(authorization: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.#access.get(token);
    return expiresAt !== undefined && expiresAt > Math.floor(this.options.now() / 1000);
  }

  /** Expires every access token now (tests: "the token ran out"). */
  expireAccessTokens(): void {
    for (const key of this.#access.keys()) this.#access.set(key, 0);
  }
}
