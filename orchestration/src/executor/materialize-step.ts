import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { AssetDefinition } from '../assets/asset.js';
import type { Metadata } from '../assets/json.js';
import { MissingSecretError, type AssetContext, type Secrets } from '../context/asset-context.js';
import { stepPartition, type StepPartition } from '../assets/partitions.js';
import type { AssetEventInput } from '../run-storage/run-storage.js';
import type { Runtime } from '../runtime/runtime.js';
import type { CheckOutcome, StepStatus } from './step.js';
import { errorMessage as messageOf, isNonRetryable } from '../errors.js';

/** Options of {@link materializeStep}. */
export interface MaterializeStepOptions {
  readonly asset: AssetDefinition;
  readonly partitionKey: string | undefined;
  /**
   * Every key of a step of several partitions (ascending, consecutive; the first is
   * `partitionKey`): `ctx.partition` spans them and each gets its own events.
   */
  readonly partitionKeys?: readonly string[];
  readonly runId: string;
  readonly attempt: number;
  /** `ctx.runScope`: pass the run's one object to every step of it; default a new one (a run of this step alone). */
  readonly runScope?: object;
  readonly runtime: Runtime;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

/** What one attempt did to one output key of a multi-asset. */
export interface OutputOutcome {
  readonly assetKey: string;
  /** `skipped`: an optional output the step did not produce (no materialization recorded). */
  readonly status: StepStatus;
  readonly metadata: Metadata;
  readonly checks: readonly CheckOutcome[];
  readonly error?: string;
}

/** Outcome of one attempt. */
export interface AttemptOutcome {
  readonly status: Exclude<StepStatus, 'skipped'>;
  /** The metadata of the asset asked for (for a multi-asset: of that output). */
  readonly metadata: Metadata;
  readonly checks: readonly CheckOutcome[];
  readonly error?: string;
  /** True when the failure came from a blocking check (no retry helps). */
  readonly blockedByCheck: boolean;
  /** True when the error says a retry cannot help (`error.retryable === false`, e.g. Strava 401). */
  readonly nonRetryable: boolean;
  readonly durationMs: number;
  /** One per output, in declaration order (one entry for a plain asset). */
  readonly outputs: readonly OutputOutcome[];
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
 * For an output of a multi-asset the step is the whole multi-asset: one `materialize`, then per
 * output its materialization and checks, or a `skipped` event for an optional output left out.
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
  const multi = asset.multiAsset;
  const outputs = multi?.assets ?? [asset];
  const stepKey = multi?.name ?? asset.key;
  const keys = options.partitionKeys ?? (options.partitionKey === undefined ? [] : [options.partitionKey]);
  const partition =
    keys.length === 0 || asset.partitions === undefined ? undefined : stepPartition(asset.partitions, keys);
  const partitionLabel =
    partition === undefined
      ? undefined
      : partition.keys.length === 1
        ? partition.key
        : `${partition.key}..${partition.keys.at(-1)}`;
  const log = options.log.child({
    assetKey: stepKey,
    ...(partitionLabel ? { partition: partitionLabel } : {}),
    attempt,
  });
  const started = new Date();
  const ctx: AssetContext = {
    assetKey: stepKey,
    partition,
    runId,
    attempt,
    runScope: options.runScope ?? {},
    log,
    landing: runtime.landing,
    warehouse: runtime.warehouse,
    state: {
      get: <T>() => runtime.runStorage.getState<T>(stepKey),
      set: (value: unknown) => runtime.runStorage.setState(stepKey, value, runId),
    },
    secrets: environmentSecrets(runtime.env),
    signal,
    projectDir: runtime.projectDir,
    env: runtime.env,
  };
  const record = (e: Omit<AssetEventInput, 'runId' | 'partitionKey' | 'attempt'>) =>
    recordPerKey(runtime, partition, { runId, attempt, ...e });
  let produced: Readonly<Partial<Record<string, { readonly metadata?: Metadata }>>>;
  try {
    signal.throwIfAborted();
    produced = multi
      ? (await multi.materialize(ctx)).outputs
      : { [asset.key]: (await asset.materialize(ctx)) ?? {} };
    const missing = outputs.find((o) => produced[o.key] === undefined && !multi?.optional.has(o.key));
    if (missing !== undefined) {
      throw new Error(`multi-asset ${stepKey} did not produce its required output ${missing.key}`);
    }
  } catch (error) {
    const durationMs = Date.now() - started.getTime();
    const canceled = signal.aborted;
    const message = canceled ? 'canceled' : messageOf(error);
    for (const o of outputs) {
      await record({
        assetKey: o.key,
        eventType: canceled ? 'canceled' : 'failure',
        status: canceled ? 'canceled' : 'failed',
        error: message,
        startedAt: started,
        durationMs,
      });
    }
    const status = canceled ? 'canceled' : 'failed';
    return {
      status,
      metadata: {},
      checks: [],
      error: message,
      blockedByCheck: false,
      nonRetryable: isNonRetryable(error),
      durationMs,
      outputs: outputs.map((o) => ({ assetKey: o.key, status, metadata: {}, checks: [], error: message })),
    };
  }
  const durationMs = Date.now() - started.getTime();
  const results: OutputOutcome[] = [];
  for (const o of outputs) {
    const result = produced[o.key];
    if (result === undefined) {
      const error = `not produced by ${stepKey} this time`;
      await record({ assetKey: o.key, eventType: 'skipped', status: 'skipped', error });
      results.push({ assetKey: o.key, status: 'skipped', metadata: {}, checks: [], error });
      continue;
    }
    const metadata = result.metadata ?? {};
    await record({
      assetKey: o.key,
      eventType: 'materialization',
      status: 'success',
      // each key of a step of several partitions repeats the step's metadata (its totals), and says so
      metadata:
        partition !== undefined && partition.keys.length > 1
          ? { ...metadata, step_partitions: partition.keys.length, step_range: partitionLabel! }
          : metadata,
      startedAt: started,
      durationMs,
    });
    const checks = await runChecks(o, metadata, { ...options, partition, log });
    const blocking = checks.find((c) => c.status === 'failed');
    results.push({
      assetKey: o.key,
      status: blocking ? 'failed' : 'success',
      metadata,
      checks,
      ...(blocking
        ? {
            error: `blocking check ${blocking.name} failed${blocking.description ? `: ${blocking.description}` : ''}`,
          }
        : {}),
    });
  }
  const own = results.find((r) => r.assetKey === asset.key) ?? results[0]!;
  const blocked = results.find((r) => r.status === 'failed');
  return {
    status: blocked ? 'failed' : 'success',
    metadata: own.metadata,
    checks: own.checks,
    ...(blocked?.error ? { error: multi ? `${blocked.assetKey}: ${blocked.error}` : blocked.error } : {}),
    blockedByCheck: blocked !== undefined,
    nonRetryable: false,
    durationMs,
    outputs: results,
  };
}

/** Evaluates `asset`'s checks after its materialization and records each result. */
async function runChecks(
  asset: AssetDefinition,
  metadata: Metadata,
  options: MaterializeStepOptions & { partition: StepPartition | undefined; log: Logger },
): Promise<CheckOutcome[]> {
  const { runtime, runId, attempt, signal, partition, log } = options;
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
    await recordPerKey(runtime, partition, {
      runId,
      assetKey: asset.key,
      eventType: 'check',
      checkName: c.name,
      status: outcome.status,
      attempt,
      metadata: outcome.metadata,
      ...(outcome.description ? { error: outcome.description } : {}),
    });
    if (outcome.status !== 'success')
      log.warn(
        { assetKey: asset.key, check: c.name, blocking: c.blocking },
        outcome.description ?? 'check failed',
      );
  }
  return checks;
}

/**
 * Records `event` once per partition key of the step (once with key `''` when unpartitioned), so
 * `voyager status` and the UI show each partition of a step of several partitions.
 */
function recordPerKey(
  runtime: Runtime,
  partition: StepPartition | undefined,
  event: Omit<AssetEventInput, 'partitionKey'>,
): Promise<void> {
  const keys = partition?.keys ?? [''];
  return runtime.runStorage.recordEvents(keys.map((partitionKey) => ({ ...event, partitionKey })));
}
