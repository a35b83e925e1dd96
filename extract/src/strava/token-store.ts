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
 * memory: each container refreshes at most once). Parallel tasks may race on the rotating token;
 * the loser re-reads this parameter until the winner's token appears and refreshes with it (see
 * {@link TokenManager.refresh}).
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

  async load(): Promise<StoredTokens | undefined> {
    try {
      const out = await this.ssm.send(new GetParameterCommand({ Name: this.location, WithDecryption: true }));
      const value = out.Parameter?.Value;
      return value ? { refreshToken: value } : undefined;
    } catch (error) {
      if (error instanceof ParameterNotFound || (error as { name?: string }).name === 'ParameterNotFound')
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
