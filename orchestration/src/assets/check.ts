import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { StepPartition } from './partitions.js';
import type { Metadata } from './json.js';
import type { ObjectStore } from '../object-store/object-store.js';

/** What a check's `evaluate` receives. */
export interface CheckContext {
  readonly assetKey: string;
  /** The step's partition: for a step of several partitions, its `window` spans them all. */
  readonly partition: StepPartition | undefined;
  readonly runId: string;
  readonly log: Logger;
  readonly warehouse: Pool;
  readonly landing: ObjectStore;
  /** Metadata returned by the materialization this check follows. */
  readonly materialization: Metadata;
  readonly signal: AbortSignal;
  readonly projectDir: string;
  /** The run's environment (as `AssetContext.env`): read settings from here, not `process.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The outcome of one check evaluation. */
export interface CheckResult {
  readonly passed: boolean;
  /** `warn` never stops anything; `error` on a blocking check stops downstream. Default `error`. */
  readonly severity?: 'warn' | 'error';
  /** One line for humans: what was measured. */
  readonly description?: string;
  readonly metadata?: Metadata;
}

/** An asset check (Dagster's asset checks; dbt tests become these). */
export interface AssetCheckDefinition {
  /** Unique per asset, snake_case (e.g. `rejected_rows_ratio`, `unique_fct_activities_activity_id`). */
  readonly name: string;
  readonly description: string;
  /** A failed blocking check marks the step failed and skips everything downstream. */
  readonly blocking: boolean;
  evaluate(ctx: CheckContext): Promise<CheckResult>;
}

/** Options of {@link check}. */
export interface AssetCheckConfig {
  readonly name: string;
  readonly description: string;
  /** Default `false` (warn only). */
  readonly blocking?: boolean;
  evaluate(ctx: CheckContext): Promise<CheckResult>;
}

/**
 * Declares an asset check.
 *
 * ### Examples
 * ```ts
 * const notEmpty = check({
 *   name: 'not_empty',
 *   description: 'At least one row was loaded',
 *   blocking: true,
 *   async evaluate(ctx) {
 *     return { passed: Number(ctx.materialization.rows ?? 0) > 0 };
 *   },
 * });
 * ```
 */
export function check(config: AssetCheckConfig): AssetCheckDefinition {
  if (!/^[a-z][a-z0-9_]*$/.test(config.name)) {
    throw new Error(`check name "${config.name}" must be snake_case (a-z, 0-9, _)`);
  }
  return Object.freeze({ ...config, blocking: config.blocking ?? false });
}
