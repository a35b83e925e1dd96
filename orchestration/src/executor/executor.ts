import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';
import type { Definitions } from '../assets/definitions.js';
import type { Runtime } from '../runtime/runtime.js';
import { HEARTBEAT_INTERVAL_MS, type RunStatus } from '../run-storage/run-storage.js';
import type { ExecutorEvent } from './events.js';
import { materializeStep, type AttemptOutcome } from './materialize-step.js';
import {
  planSteps,
  requestsPartitions,
  resolveMissingPartitions,
  type PartitionRequest,
  type PlannedStep,
} from './plan.js';
import { runProcessStep, stepCommand } from './process-step.js';
import { keysOfStep, stepLabel, type StepOutcome } from './step.js';

/** How each step runs: in this process (default), or as a child process with the container command. */
export type Isolation = 'in-process' | 'process';

/** Options of {@link executeRun}. */
export interface ExecuteRunOptions extends PartitionRequest {
  readonly definitions: Definitions;
  readonly runtime: Runtime;
  readonly log: Logger;
  /** Asset selection; default `*`. */
  readonly selection?: string;
  /** Steps running at once; default 4. */
  readonly concurrency?: number;
  readonly isolation?: Isolation;
  /** Aborting cancels the run: running steps get the signal, pending ones are canceled. */
  readonly signal?: AbortSignal;
  readonly runId?: string;
  readonly onEvent?: (event: ExecutorEvent) => void;
  /** Multiplies every retry backoff (tests use a small value); default 1. */
  readonly backoffScale?: number;
}

/** The result of a run. */
export interface RunResult {
  readonly runId: string;
  readonly status: Exclude<RunStatus, 'running'>;
  /** One outcome per planned step, in plan (topological) order. */
  readonly outcomes: readonly StepOutcome[];
  readonly durationMs: number;
}

/** A new run id: UTC time plus randomness, sortable and path-safe (`20261121T203000Z-1a2b3c`). */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Runs a selection on this machine: steps in topological order with bounded parallelism,
 * retries with exponential backoff and jitter per the asset's policy, downstream of a failure
 * (or of a failed blocking check) reported as skipped, cancellation through `signal`.
 * Everything is recorded in run storage. A run that names no partition asks the assets'
 * `missingPartitions` hooks before planning and, once every step succeeded, again: keys that
 * only now are missing (upstream data this run brought) run in a second pass with their
 * downstream (a second `run_started` event; the result's outcomes hold both passes).
 *
 * @throws GraphError / PlanError / PartitionError before anything runs, for a bad selection or partition request.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunResult> {
  const { definitions, runtime, log } = options;
  const started = Date.now();
  const selection = options.selection ?? '*';
  const selected = definitions.graph.select(selection);
  const signal = options.signal ?? new AbortController().signal;
  // ctx.runScope of every in-process step of this run (both passes): unreachable once it returns
  const runScope = {};
  const now = new Date();
  // a run that names no partition catches up what the assets' missingPartitions hooks report
  const missing = await resolveMissingPartitions(selected, options, runtime, { log, now, signal });
  const onCatchUp = (assetKey: string, keys: readonly string[]) =>
    log.info(
      { assetKey, partitions: keys.length },
      `catching up ${keys.length} partitions of ${assetKey}: ${keys[0]}..${keys.at(-1)}`,
    );
  const plan = planSteps(definitions.graph, selected, options, { now, missing, onCatchUp });
  const runId = options.runId ?? newRunId();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const emit = options.onEvent ?? (() => {});
  const isolation = options.isolation ?? 'in-process';
  const partitions = [...new Set(plan.flatMap(keysOfStep))];
  // VOYAGER_LAUNCHED_BY: who started the process (`ui` for the web app's launches), as in asset-main
  const launchedBy = runtime.env.VOYAGER_LAUNCHED_BY;
  await runtime.runStorage.createRun({
    runId,
    selection,
    partitions,
    isolation,
    owner: { pid: process.pid, host: hostname() },
    ...(launchedBy ? { launchedBy } : {}),
  });
  const heartbeat = setInterval(() => {
    runtime.runStorage
      .heartbeat(runId)
      .catch((error: Error) => log.warn({ err: error.message }, 'heartbeat failed'));
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  try {
    let { ordered, status } = await drive(plan);
    if (status === 'success') {
      const second = await secondPass(plan);
      if (second !== undefined) {
        ordered = [...ordered, ...second.ordered];
        status = second.status;
      }
    }
    const firstError = ordered.find((o) => o.status === 'failed')?.error;
    await runtime.runStorage.finishRun(
      runId,
      status,
      status === 'success' ? undefined : (firstError ?? status),
    );
    emit({ type: 'run_finished', runId, status, outcomes: ordered });
    return { runId, status, outcomes: ordered, durationMs: Date.now() - started };
  } finally {
    clearInterval(heartbeat);
  }

  /**
   * A run that names no partition asks the `missingPartitions` hooks again once its steps have
   * succeeded: upstream steps of this run (the first load of activities on a fresh home, files
   * just taken from the inbox) may have made partitions missing that the hooks could not see
   * before the run. Those keys, and nothing planned already, run as a second pass with their
   * downstream in the selection (a same-partitioned dep's keys flow; unpartitioned assets run
   * again; no latest partition). Undefined when there is nothing more to do.
   */
  async function secondPass(
    first: readonly PlannedStep[],
  ): Promise<{ ordered: StepOutcome[]; status: RunResult['status'] } | undefined> {
    if (requestsPartitions(options) || signal.aborted) return undefined;
    const hooked = selected.filter((a) => a.missingPartitions !== undefined && a.partitions !== undefined);
    if (hooked.length === 0) return undefined;
    const planned = new Map<string, Set<string>>();
    for (const s of first) {
      const keys = planned.get(s.assetKey) ?? new Set<string>();
      for (const k of keysOfStep(s)) keys.add(k);
      planned.set(s.assetKey, keys);
    }
    const again = await resolveMissingPartitions(hooked, options, runtime, { log, now, signal });
    const fresh = new Map<string, string[]>();
    for (const [key, keys] of again) {
      const left = keys.filter((k) => !planned.get(key)?.has(k));
      if (left.length > 0) fresh.set(key, left);
    }
    if (fresh.size === 0) return undefined;
    const affected = new Set(fresh.keys());
    for (const key of fresh.keys()) for (const d of definitions.graph.downstreamOf(key)) affected.add(d);
    for (const [key, keys] of fresh)
      log.info(
        { assetKey: key, partitions: keys.length },
        `steps of this run left ${keys.length} partitions of ${key} missing (${keys[0]}..${keys.at(-1)}): a second pass runs them and their downstream`,
      );
    const secondPlan = planSteps(
      definitions.graph,
      selected.filter((a) => affected.has(a.key)),
      options,
      { now, missing: fresh, onCatchUp, latest: false },
    );
    return secondPlan.length === 0 ? undefined : drive(secondPlan);
  }

  async function drive(
    plan: readonly PlannedStep[],
  ): Promise<{ ordered: StepOutcome[]; status: RunResult['status'] }> {
    emit({ type: 'run_started', runId, steps: plan });

    const outcomes = new Map<string, StepOutcome>();
    const notProduced = new Set<string>();
    const waiting = new Map(plan.map((s) => [s.label, new Set(s.upstream)]));
    const dependents = new Map<string, PlannedStep[]>();
    for (const s of plan) {
      for (const u of s.upstream) {
        const list = dependents.get(u);
        if (list) list.push(s);
        else dependents.set(u, [s]);
      }
    }

    const settle = async (step: PlannedStep, outcome: StepOutcome, recorded = false) => {
      outcomes.set(step.label, outcome);
      waiting.delete(step.label);
      emit({ type: 'step_finished', step, outcome });
      const ended = outcome.status;
      if (!recorded && (ended === 'skipped' || ended === 'canceled')) {
        const keys = keysOfStep(step);
        await runtime.runStorage.recordEvents(
          (keys.length === 0 ? [''] : keys).map((partitionKey) => ({
            runId,
            assetKey: step.assetKey,
            partitionKey,
            eventType: ended,
            status: ended,
            ...(outcome.error ? { error: outcome.error } : {}),
          })),
        );
      }
      // an optional output of a multi-asset that was not produced holds nothing back downstream
      if (outcome.status === 'success' || notProduced.has(step.label)) {
        for (const d of dependents.get(step.label) ?? []) waiting.get(d.label)?.delete(step.label);
        return;
      }
      for (const d of dependents.get(step.label) ?? []) {
        if (outcomes.has(d.label)) continue;
        const reason =
          outcome.status === 'canceled'
            ? 'canceled'
            : `skipped: upstream ${step.label} ${outcome.status === 'skipped' ? 'was skipped' : 'failed'}`;
        await settle(d, {
          ...blankOutcome(d),
          status: outcome.status === 'canceled' ? 'canceled' : 'skipped',
          error: reason,
        });
      }
    };

    /** Runs `unit` (one step, or the steps of one multi-asset) with retries; one outcome per step. */
    const runUnit = async (unit: readonly PlannedStep[]): Promise<Map<string, StepOutcome>> => {
      const step = unit[0]!;
      const stepStarted = Date.now();
      const { maxAttempts, backoffSeconds = 2 } = step.asset.retry;
      let last: AttemptOutcome | undefined;
      let attempts = 0;
      try {
        await pRetry(
          async (attempt) => {
            attempts = attempt;
            for (const u of unit) emit({ type: 'step_started', step: u, attempt });
            last = await attemptStep(step, attempt);
            if (last.status === 'success') return;
            const error = new Error(last.error ?? last.status);
            if (last.status === 'canceled' || last.blockedByCheck || last.nonRetryable || signal.aborted)
              throw new AbortError(error);
            throw error;
          },
          {
            retries: maxAttempts - 1,
            factor: 2,
            minTimeout: backoffSeconds * 1000 * (options.backoffScale ?? 1),
            randomize: true,
            signal,
            onFailedAttempt: (error) => {
              if (error.retriesLeft > 0) {
                for (const u of unit)
                  emit({
                    type: 'step_retrying',
                    step: u,
                    attempt: error.attemptNumber,
                    error: error.message,
                    delayMs:
                      backoffSeconds * 1000 * 2 ** (error.attemptNumber - 1) * (options.backoffScale ?? 1),
                  });
              }
            },
          },
        );
      } catch {
        // the outcome of the last attempt says what happened
      }
      const final: AttemptOutcome = last ?? {
        status: 'canceled' as const,
        metadata: {},
        checks: [],
        error: 'canceled',
        blockedByCheck: false,
        nonRetryable: true,
        durationMs: 0,
        outputs: [],
      };
      const durationMs = Date.now() - stepStarted;
      return new Map(
        unit.map((s) => {
          const own = final.outputs.find((o) => o.assetKey === s.assetKey) ?? final;
          if (own.status === 'skipped') notProduced.add(s.label);
          const status = signal.aborted && own.status !== 'success' ? 'canceled' : own.status;
          const outcome: StepOutcome = {
            assetKey: s.assetKey,
            partitionKey: s.partitionKey,
            ...(s.partitionKeys ? { partitionKeys: s.partitionKeys } : {}),
            status,
            attempts,
            durationMs,
            metadata: own.metadata,
            checks: own.checks,
            ...(own.error ? { error: own.error } : {}),
          };
          return [s.label, outcome];
        }),
      );
    };

    const attemptStep = (step: PlannedStep, attempt: number): Promise<AttemptOutcome> => {
      const stepLog = log.child({ runId });
      if (isolation === 'process') {
        return runProcessStep({
          // a multi-asset's outputs: the container runs them as one step
          command: stepCommand(
            definitions.imageOf(step.assetKey),
            step.asset.multiAsset?.assets.map((o) => o.key).join(',') ?? step.assetKey,
            step.partitionKey,
            runId,
            // a step of several partitions: the container runs their range as one step
            step.partitionKeys && step.asset.partitions
              ? {
                  from: step.partitionKeys[0]!,
                  to: step.asset.partitions.exclusiveEnd(step.partitionKeys.at(-1)!),
                }
              : undefined,
          ),
          attempt,
          projectDir: runtime.projectDir,
          env: runtime.env,
          log: stepLog,
          signal,
        });
      }
      return materializeStep({
        asset: step.asset,
        partitionKey: step.partitionKey,
        ...(step.partitionKeys ? { partitionKeys: step.partitionKeys } : {}),
        runId,
        attempt,
        runScope,
        runtime,
        log: stepLog,
        signal,
      });
    };

    // the scheduling loop: start ready steps (plan order) up to `concurrency`, settle as they finish
    const running = new Map<string, Promise<void>>();
    const aborted = abortPromise(signal);
    while (outcomes.size < plan.length) {
      if (signal.aborted) {
        await Promise.all(running.values());
        for (const s of plan)
          if (!outcomes.has(s.label))
            await settle(s, { ...blankOutcome(s), status: 'canceled', error: 'canceled' });
        break;
      }
      for (const s of plan) {
        if (running.size >= concurrency) break;
        if (outcomes.has(s.label) || running.has(s.label) || (waiting.get(s.label)?.size ?? 0) > 0) continue;
        // the outputs of one multi-asset (same partition) share their deps, so they are ready together
        const multi = s.asset.multiAsset;
        const unit = multi
          ? plan.filter((o) => o.asset.multiAsset === multi && o.partitionKey === s.partitionKey)
          : [s];
        const done = runUnit(unit);
        for (const u of unit) {
          running.set(
            u.label,
            done.then(async (results) => {
              await settle(u, results.get(u.label)!, true);
              running.delete(u.label);
            }),
          );
        }
      }
      if (running.size === 0) break;
      await Promise.race([...running.values(), aborted]);
    }
    await Promise.all(running.values());

    const ordered = plan.map(
      (s) => outcomes.get(s.label) ?? { ...blankOutcome(s), status: 'canceled' as const },
    );
    const status: RunResult['status'] = signal.aborted
      ? 'canceled'
      : ordered.every((o) => o.status === 'success' || notProduced.has(stepLabel(o)))
        ? 'success'
        : 'failed';
    return { ordered, status };
  }
}

function blankOutcome(step: PlannedStep): StepOutcome {
  return {
    assetKey: step.assetKey,
    partitionKey: step.partitionKey,
    ...(step.partitionKeys ? { partitionKeys: step.partitionKeys } : {}),
    status: 'skipped',
    attempts: 0,
    durationMs: 0,
    metadata: {},
    checks: [],
  };
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
