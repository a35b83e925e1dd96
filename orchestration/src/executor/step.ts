import type { Metadata } from '../assets/json.js';

/** One unit of work: an asset, and its partition key (or keys) for partitioned assets. */
export interface Step {
  readonly assetKey: string;
  /** `undefined` for unpartitioned assets; the first key of a step of several partitions. */
  readonly partitionKey: string | undefined;
  /**
   * Every key of a step of several partitions (an asset with a `backfillPolicy` above 1),
   * ascending and consecutive; absent for a step of one partition.
   */
  readonly partitionKeys?: readonly string[];
}

/** The partition keys of a step: `partitionKeys`, else `[partitionKey]`, else none. */
export function keysOfStep(step: Step): readonly string[] {
  if (step.partitionKeys !== undefined && step.partitionKeys.length > 0) return step.partitionKeys;
  return step.partitionKey === undefined ? [] : [step.partitionKey];
}

/** Final status of a step. */
export type StepStatus = 'success' | 'failed' | 'skipped' | 'canceled';

/** Result of one check evaluation as reported in a run. */
export interface CheckOutcome {
  readonly name: string;
  readonly blocking: boolean;
  /** `success`, `warn` (failed, non-blocking or severity warn) or `failed`. */
  readonly status: 'success' | 'warn' | 'failed';
  readonly description?: string;
  readonly metadata: Metadata;
}

/** What happened to one step. */
export interface StepOutcome extends Step {
  readonly status: StepStatus;
  readonly attempts: number;
  readonly durationMs: number;
  readonly metadata: Metadata;
  readonly checks: readonly CheckOutcome[];
  /** Error message for failed steps; the reason for skipped ones. */
  readonly error?: string;
}

/**
 * `key`, `key[partition]`, or `key[first..last]` for a step of several partitions: how a step is
 * named in logs and tables.
 */
export function stepLabel(step: Step): string {
  const keys = keysOfStep(step);
  if (keys.length === 0) return step.assetKey;
  return keys.length === 1 ? `${step.assetKey}[${keys[0]}]` : `${step.assetKey}[${keys[0]}..${keys.at(-1)}]`;
}
