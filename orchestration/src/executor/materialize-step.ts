import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { AssetDefinition } from '../assets/asset.js';
import type { Metadata } from '../assets/json.js';
import { MissingSecretError, type AssetContext, type Secrets } from '../context/asset-context.js';
import type { Runtime } from '../runtime/runtime.js';
import type { CheckOutcome, StepStatus } from './step.js';
import { errorMessage as messageOf, isNonRetryable } from '../errors.js';

/** Options of {@link materializeStep}. */
export interface MaterializeStepOptions {
  readonly asset: AssetDefinition;
  readonly partitionKey: string | undefined;
  readonly runId: string;
  readonly attempt: number;
  readonly runtime: Runtime;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

/** Outcome of one attempt. */
export interface AttemptOutcome {
  readonly status: Exclude<StepStatus, 'skipped'>;
  readonly metadata: Metadata;
  readonly checks: readonly CheckOutcome[];
  readonly error?: string;
  /** True when the failure came from a blocking check (no retry helps). */
  readonly blockedByCheck: boolean;
  /** True when the error says a retry cannot help (`error.retryable === false`, e.g. Strava 401). */
  readonly nonRetryable: boolean;
  readonly durationMs: number;
}

/** Secrets read from the run's environment. */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): Secrets {
  return {
    get: (name) => (env[name] === '' ? undefined : env[name]),
    require(name) {
      const v = env[name];
      if (v === undefined || v === '') throw new MissingSecretError(name);
      return v;
    },
  };
}

/**
 * Runs one attempt of one step in this process: builds the context, calls `materialize`, then
 * every check, and records the events (materialization or failure, check results) in run storage.
 * Used by the in-process executor and by the container entry point alike.
 */
export async function materializeStep(options: MaterializeStepOptions): Promise<AttemptOutcome> {
  // The attempt's own signal, following the run's: an asset may have many requests in flight, each
  // listening for abort (undici, p-retry), which is no leak; the run's signal gets one listener per step.
  const attemptController = new AbortController();
  setMaxListeners(0, attemptController.signal);
  const follow = () => attemptController.abort(options.signal.reason);
  if (options.signal.aborted) follow();
  else options.signal.addEventListener('abort', follow, { once: true });
  try {
    return await attemptStep({ ...options, signal: attemptController.signal });
  } finally {
    options.signal.removeEventListener('abort', follow);
  }
}

async function attemptStep(options: MaterializeStepOptions): Promise<AttemptOutcome> {
  const { asset, runtime, runId, attempt, signal } = options;
  const partition =
    options.partitionKey === undefined ? undefined : asset.partitions?.partition(options.partitionKey);
  const partitionKey = partition?.key ?? '';
  const log = options.log.child({
    assetKey: asset.key,
    ...(partition ? { partition: partition.key } : {}),
    attempt,
  });
  const started = new Date();
  const ctx: AssetContext = {
    assetKey: asset.key,
    partition,
    runId,
    attempt,
    log,
    landing: runtime.landing,
    warehouse: runtime.warehouse,
    state: {
      get: <T>() => runtime.runStorage.getState<T>(asset.key),
      set: (value: unknown) => runtime.runStorage.setState(asset.key, value, runId),
    },
    secrets: environmentSecrets(runtime.env),
    signal,
    projectDir: runtime.projectDir,
    env: runtime.env,
  };
  let metadata: Metadata;
  try {
    signal.throwIfAborted();
    metadata = (await asset.materialize(ctx))?.metadata ?? {};
  } catch (error) {
    const durationMs = Date.now() - started.getTime();
    const canceled = signal.aborted;
    const message = canceled ? 'canceled' : messageOf(error);
    await runtime.runStorage.recordEvent({
      runId,
      assetKey: asset.key,
      partitionKey,
      eventType: canceled ? 'canceled' : 'failure',
      status: canceled ? 'canceled' : 'failed',
      attempt,
      error: message,
      startedAt: started,
      durationMs,
    });
    return {
      status: canceled ? 'canceled' : 'failed',
      metadata: {},
      checks: [],
      error: message,
      blockedByCheck: false,
      nonRetryable: isNonRetryable(error),
      durationMs,
    };
  }
  const durationMs = Date.now() - started.getTime();
  await runtime.runStorage.recordEvent({
    runId,
    assetKey: asset.key,
    partitionKey,
    eventType: 'materialization',
    status: 'success',
    attempt,
    metadata,
    startedAt: started,
    durationMs,
  });

  const checks: CheckOutcome[] = [];
  for (const c of asset.checks) {
    let outcome: CheckOutcome;
    try {
      const r = await c.evaluate({
        assetKey: asset.key,
        partition,
        runId,
        log: log.child({ check: c.name }),
        warehouse: runtime.warehouse,
        landing: runtime.landing,
        materialization: metadata,
        signal,
        projectDir: runtime.projectDir,
        env: runtime.env,
      });
      const status = r.passed ? 'success' : r.severity === 'warn' || !c.blocking ? 'warn' : 'failed';
      outcome = {
        name: c.name,
        blocking: c.blocking,
        status,
        metadata: r.metadata ?? {},
        ...(r.description ? { description: r.description } : {}),
      };
    } catch (error) {
      outcome = {
        name: c.name,
        blocking: c.blocking,
        status: c.blocking ? 'failed' : 'warn',
        description: `check raised: ${messageOf(error)}`,
        metadata: {},
      };
    }
    checks.push(outcome);
    await runtime.runStorage.recordEvent({
      runId,
      assetKey: asset.key,
      partitionKey,
      eventType: 'check',
      checkName: c.name,
      status: outcome.status,
      attempt,
      metadata: outcome.metadata,
      ...(outcome.description ? { error: outcome.description } : {}),
    });
    if (outcome.status !== 'success')
      log.warn({ check: c.name, blocking: c.blocking }, outcome.description ?? 'check failed');
  }
  const blocking = checks.find((c) => c.status === 'failed');
  return {
    status: blocking ? 'failed' : 'success',
    metadata,
    checks,
    ...(blocking
      ? {
          error: `blocking check ${blocking.name} failed${blocking.description ? `: ${blocking.description}` : ''}`,
        }
      : {}),
    blockedByCheck: blocking !== undefined,
    nonRetryable: false,
    durationMs,
  };
}
