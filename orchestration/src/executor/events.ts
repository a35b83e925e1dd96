import type { PlannedStep } from './plan.js';
import type { StepOutcome } from './step.js';

/**
 * Events of a run. `delayMs` of `step_retrying` is the nominal backoff before the next attempt
 * (`backoffSeconds * 2^(attempt-1)`); the actual wait adds up to 100 % jitter. `run_started`
 * comes once per pass: a catch-up's second pass (see `executeRun`) announces its steps again.
 */
export type ExecutorEvent =
  | { readonly type: 'run_started'; readonly runId: string; readonly steps: readonly PlannedStep[] }
  | { readonly type: 'step_started'; readonly step: PlannedStep; readonly attempt: number }
  | {
      readonly type: 'step_retrying';
      readonly step: PlannedStep;
      readonly attempt: number;
      readonly error: string;
      readonly delayMs: number;
    }
  | { readonly type: 'step_finished'; readonly step: PlannedStep; readonly outcome: StepOutcome }
  | {
      readonly type: 'run_finished';
      readonly runId: string;
      readonly status: string;
      readonly outcomes: readonly StepOutcome[];
    };
