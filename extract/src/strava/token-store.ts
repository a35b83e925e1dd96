import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';

/**
 * Tokens kept between runs: the newest refresh token, the one it replaced (tried once when Strava
 * refuses the newest, e.g. after a crash mid-rotation), and the access token while it is valid
 * (`expiresAt` epoch s).
 */
export interface StoredTokens {
  readonly refreshToken: string;
  readonly previousRefreshToken?: string;
  readonly accessToken?: string;
  readonly expiresAt?: number;
}

/** Where the newest refresh token is persisted. `load` returns `undefined` when nothing is stored yet. */
export interface TokenStore {
  /** Human-readable location for messages (a path or an SSM name, never a value). */
  readonly location: string;
  load(): Promise<StoredTokens | undefined>;
  save(tokens: StoredTokens): Promise<void>;
}

/** Older versions of the SSM parameter read for the replaced token (a race may save one token twice). */
const PREVIOUS_VERSIONS_READ = 3;

const fingerprint = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 16);

/**
 * A 0600 JSON file (default `$VOYAGER_HOME/strava/tokens-<client id>.json`). It remembers which
 * configured `STRAVA_REFRESH_TOKEN` it descends from: when the user sets a different one (new
 * consent), the file is ignored and the configured token is used.
 */
export class FileTokenStore implements TokenStore {
  constructor(
    readonly location: string,
    private readonly configuredRefreshToken: string,
  ) {}

  async load(): Promise<StoredTokens | undefined> {
    let json: {
      seed?: string;
      refreshToken?: string;
      previousRefreshToken?: string;
      accessToken?: string;
      expiresAt?: number;
    };
    try {
      json = JSON.parse(await readFile(this.location, 'utf8')) as typeof json;
    } catch {
      return { refreshToken: this.configuredRefreshToken };
    }
    if (json.seed !== fingerprint(this.configuredRefreshToken) || typeof json.refreshToken !== 'string') {
      return { refreshToken: this.configuredRefreshToken };
    }
    return {
      refreshToken: json.refreshToken,
      ...(typeof json.previousRefreshToken === 'string'
        ? { previousRefreshToken: json.previousRefreshToken }
        : {}),
      ...(json.accessToken && json.expiresAt
        ? { accessToken: json.accessToken, expiresAt: json.expiresAt }
        : {}),
    };
  }

  /** Durable: the new file is fsynced before it replaces the old one, and the folder after, so a crash leaves one or the other whole. */
  async save(tokens: StoredTokens): Promise<void> {
    const dir = dirname(this.location);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.location}.${process.pid}.tmp`;
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify({ seed: fingerprint(this.configuredRefreshToken), ...tokens }));
      await file.sync();
    } finally {
      await file.close();
    }
    await chmod(tmp, 0o600);
    await rename(tmp, this.location);
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

/**
 * SSM Parameter Store: one SecureString parameter (in AWS `${VOYAGER_SSM_PREFIX}/strava/refresh_token`,
 * the extract image's rotating secret), overwritten after every refresh (the access token stays in
 * memory: each container refreshes at most once). The parameter holds the plain refresh token, as a
 * person seeds it; the token it replaced is its previous version, which SSM keeps (the newest 100
 * versions, https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-versions.html)
 * and `load` reads with a version selector (`name:N`, the same `ssm:GetParameter` on the same
 * resource), so a crash between Strava's rotation and the next save can fall back to it. Parallel
 * tasks may race on the rotating token; the loser re-reads this parameter until the winner's token
 * appears and refreshes with it (see {@link TokenManager.refresh}).
 */
export class SsmTokenStore implements TokenStore {
  /** The full parameter name, e.g. `/voyager/prod/strava/refresh_token`. */
  readonly location: string;
  constructor(
    private readonly ssm: Pick<SSMClient, 'send'>,
    parameterName: string,
  ) {
    this.location = parameterName;
  }

  /** The newest refresh token and, when an older version holds another one, that one as `previousRefreshToken`. */
  async load(): Promise<StoredTokens | undefined> {
    const current = await this.#get(this.location);
    if (!current?.Value) return undefined;
    const previous = await this.#previousValue(current.Value, current.Version ?? 1);
    return previous === undefined
      ? { refreshToken: current.Value }
      : { refreshToken: current.Value, previousRefreshToken: previous };
  }

  /** The newest of the {@link PREVIOUS_VERSIONS_READ} versions before `version` whose value differs from `value`. */
  async #previousValue(value: string, version: number): Promise<string | undefined> {
    for (let v = version - 1; v >= 1 && v >= version - PREVIOUS_VERSIONS_READ; v--) {
      const older = await this.#get(`${this.location}:${v}`);
      if (older === undefined) return undefined; // beyond the versions SSM keeps
      if (older.Value && older.Value !== value) return older.Value;
    }
    return undefined;
  }

  async #get(name: string): Promise<{ Value?: string; Version?: number } | undefined> {
    try {
      const out = await this.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      return out.Parameter;
    } catch (error) {
      const code = (error as { name?: string }).name;
      if (
        error instanceof ParameterNotFound ||
        code === 'ParameterNotFound' ||
        code === 'ParameterVersionNotFound'
      )
        return undefined;
      throw error;
    }
  }

  async save(tokens: StoredTokens): Promise<void> {
    await this.ssm.send(
      new PutParameterCommand({
        Name: this.location,
        Value: tokens.refreshToken,
        Type: 'SecureString',
        Overwrite: true,
      }),
    );
  }
}
