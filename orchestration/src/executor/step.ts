import type { Metadata } from '../assets/json.js';

/** One unit of work: an asset, and its partition key for partitioned assets. */
export interface Step {
  readonly assetKey: string;
  /** `undefined` for unpartitioned assets. */
  readonly partitionKey: string | undefined;
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

/** `key` or `key[partition]`: how a step is named in logs and tables. */
export function stepLabel(step: Step): string {
  return step.partitionKey === undefined ? step.assetKey : `${step.assetKey}[${step.partitionKey}]`;
}
