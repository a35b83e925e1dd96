import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ObjectStore } from '../object-store/object-store.js';
import type { StepPartition } from '../assets/partitions.js';

/** Durable per-asset state (a cursor such as Strava's `after` epoch), stored in `voyager.asset_state`. */
export interface AssetState {
  /** The stored value, or `undefined` before the first `set`. */
  get<T = unknown>(): Promise<T | undefined>;
  /** Replaces the stored value (JSON-serialisable). Takes effect immediately, even if the run fails later. */
  set(value: unknown): Promise<void>;
}

/** Secrets from the environment (and, in AWS, SSM through the package that needs them). Values never get logged. */
export interface Secrets {
  /** The value of `name`, or `undefined` when unset or empty. */
  get(name: string): string | undefined;
  /** The value of `name`. Throws a {@link MissingSecretError} naming the variable when unset. */
  require(name: string): string;
}

/** Thrown by {@link Secrets.require}. */
export class MissingSecretError extends Error {
  constructor(readonly variable: string) {
    super(`${variable} is not set`);
    this.name = 'MissingSecretError';
  }
}

/**
 * What `materialize(ctx)` receives. Everything an asset touches comes through here, so the same
 * asset runs in process, in a child process and in an ECS task.
 */
export interface AssetContext {
  /** The asset being materialized, e.g. `landing/strava/activities`. */
  readonly assetKey: string;
  /**
   * The partition being materialized (key, `[start, end)` window and `keys`), or `undefined` for
   * unpartitioned assets. A step of several partitions (a `backfillPolicy` above 1) has them all
   * in `keys` and a window spanning them; `key` is the first (see `StepPartition`).
   */
  readonly partition: StepPartition | undefined;
  /** Id of the run (also in every landing key written by this run). */
  readonly runId: string;
  /** 1-based attempt number (retries increase it). */
  readonly attempt: number;
  /**
   * One object per run in this process: the same for every step and attempt of the run that runs
   * here (all of them in process; those of one container or child process), unreachable once the
   * run is over. Key per-run, in-process state on it with a `WeakMap` (e.g. a request budget the
   * steps share), so it goes with the run instead of growing in a long-lived process.
   */
  readonly runScope: object;
  /** Structured logger bound to `{ assetKey, runId, partition }`. */
  readonly log: Logger;
  /** The landing zone (local folder or S3). */
  readonly landing: ObjectStore;
  /** The warehouse (pg Pool). Do not `end()` it. */
  readonly warehouse: Pool;
  /** Durable per-asset state (cursors). */
  readonly state: AssetState;
  /** Secrets from the environment. */
  readonly secrets: Secrets;
  /** Aborted on Ctrl-C / run cancellation; pass it to every request. */
  readonly signal: AbortSignal;
  /** Root directory of the project (where `definitions.ts` lives); inside a container, the image's work dir. */
  readonly projectDir: string;
  /** The run's environment values (strings only), e.g. `STRAVA_API_URL` when a dev service set it. */
  readonly env: Readonly<Record<string, string | undefined>>;
}
