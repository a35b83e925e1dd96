import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AssetDefinition } from '../assets/asset.js';
import { groupStepKeys } from '../assets/backfill-policy.js';
import type { AssetGraph } from '../graph/asset-graph.js';
import { PartitionError, type PartitionsDefinition } from '../assets/partitions.js';
import type { ObjectStore } from '../object-store/object-store.js';
import type { RunStorage } from '../run-storage/run-storage.js';
import { errorMessage } from '../errors.js';
import { keysOfStep, stepLabel, type Step } from './step.js';

/**
 * Which partitions to run: one key, a range (a backfill: `[from, to)` for time partitions, see
 * `PartitionsDefinition.keysBetween`), or the latest complete one.
 */
export interface PartitionRequest {
  readonly partition?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A step in a plan with the labels of the steps it waits for. */
export interface PlannedStep extends Step {
  readonly label: string;
  readonly asset: AssetDefinition;
  readonly upstream: readonly string[];
}

/** Thrown for a partition request that does not fit the selection. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Keys returned by the `missingPartitions` hooks of a run, by asset key (validated, normalized). */
export type MissingPartitionKeys = ReadonlyMap<string, readonly string[]>;

/** What {@link resolveMissingPartitions} needs of the runtime: what the hooks' context holds. */
export interface MissingPartitionsSources {
  readonly landing: ObjectStore;
  readonly warehouse: Pool;
  readonly runStorage: Pick<RunStorage, 'getState'>;
  readonly projectDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** True when the request names partitions (`--partition`, `--from/--to`): then no hook is asked. */
export function requestsPartitions(request: PartitionRequest): boolean {
  return request.partition !== undefined || request.from !== undefined || request.to !== undefined;
}

/**
 * Asks the `missingPartitions` hook of every selected partitioned asset that has one, in graph
 * order, for a run that names no partition (for a request that does, returns an empty map).
 * Each key is validated and normalized by the asset's `partitions.partition(key)`.
 *
 * @throws PlanError naming the asset: a hook that throws, or returns a key outside the definition.
 */
export async function resolveMissingPartitions(
  selected: readonly AssetDefinition[],
  request: PartitionRequest,
  sources: MissingPartitionsSources,
  options: { readonly log: Logger; readonly now: Date; readonly signal?: AbortSignal },
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (requestsPartitions(request)) return found;
  for (const asset of selected) {
    const hook = asset.missingPartitions;
    const p = asset.partitions;
    if (hook === undefined || p === undefined) continue;
    let keys: readonly string[];
    try {
      keys = await hook({
        assetKey: asset.key,
        log: options.log.child({ assetKey: asset.key }),
        landing: sources.landing,
        warehouse: sources.warehouse,
        state: { get: <T>() => sources.runStorage.getState<T>(asset.key) },
        projectDir: sources.projectDir,
        env: sources.env,
        now: options.now,
        signal: options.signal ?? new AbortController().signal,
      });
    } catch (error) {
      throw new PlanError(`asset ${asset.key}: missingPartitions failed: ${errorMessage(error)}`);
    }
    const normalized = keys.map((key) => {
      try {
        return p.partition(key).key;
      } catch (error) {
        throw new PlanError(
          `asset ${asset.key}: missingPartitions returned partition "${key}", which is not one of its partitions (${errorMessage(error)})`,
        );
      }
    });
    found.set(asset.key, normalized);
  }
  return found;
}

/** Ascending unique keys: by the static list's order, else by key (time keys sort as text). */
function ascending(p: PartitionsDefinition, keys: Iterable<string>): string[] {
  const unique = [...new Set(keys)];
  if (p.kind !== 'static') return unique.sort();
  const order = new Map(p.keys().map((k, i) => [k, i]));
  return unique.sort((a, b) => order.get(a)! - order.get(b)!);
}

function partitionKeysOf(
  asset: AssetDefinition,
  request: PartitionRequest,
  now: Date,
  catchUp: () => readonly string[],
  latest = true,
): (string | undefined)[] {
  const p = asset.partitions;
  if (p === undefined) return [undefined];
  if (request.partition !== undefined) return [p.partition(request.partition).key];
  if (request.from !== undefined || request.to !== undefined) {
    if (request.from === undefined || request.to === undefined)
      throw new PlanError('--from and --to go together');
    return p.keysBetween(request.from, request.to);
  }
  const last = latest ? p.keys(now).at(-1) : undefined;
  const keys = ascending(p, [...catchUp(), ...(last === undefined ? [] : [last])]);
  if (keys.length === 0 && latest)
    throw new PartitionError(`asset ${asset.key} has no complete partition yet`, '');
  return keys;
}

/** Options of {@link planSteps}. */
export interface PlanOptions {
  /** The planning instant: decides the latest complete partition. Default: now. */
  readonly now?: Date;
  /** Keys of the `missingPartitions` hooks (see {@link resolveMissingPartitions}). */
  readonly missing?: MissingPartitionKeys;
  /**
   * Called once per partitioned asset whose planned keys, in a run that names no partition, are
   * more than its latest complete partition: a catch-up, with every key planned (ascending).
   */
  readonly onCatchUp?: (assetKey: string, keys: readonly string[]) => void;
  /**
   * In a run that names no partition, add each partitioned asset's latest complete partition
   * (default true). False plans only the hooks' keys and those flowing from a same-partitioned
   * dep: a partitioned asset with none gets no step (the executor's second pass).
   */
  readonly latest?: boolean;
}

/**
 * Expands selected assets into steps in topological order, with their upstream steps (the
 * executor runs the outputs of one multi-asset as one unit).
 *
 * Partition keys: those of the request (`--partition`, or the `[from, to)` range), else, for a run
 * that names none, the ascending union of the asset's `missingPartitions` keys (`options.missing`),
 * the keys planned in this run for a selected dep with the same partitioning (so a catch-up flows
 * downstream, never upstream), and the latest complete partition. Keys become steps by the
 * asset's `backfillPolicy` (one step per key by default; consecutive keys grouped up to its
 * `maxPartitionsPerStep`).
 *
 * A partitioned step waits for the steps of a same-partitioned dep that share one of its keys
 * (every step of the dep when none does), otherwise for every step of the dep. Deps outside the
 * selection are assumed materialized. Pure: no I/O.
 *
 * @throws PlanError / PartitionError for a request that does not fit (`--partition` on nothing partitioned, bad key).
 */
export function planSteps(
  graph: AssetGraph,
  selected: readonly AssetDefinition[],
  request: PartitionRequest,
  options: PlanOptions | Date = {},
): PlannedStep[] {
  const {
    now = new Date(),
    missing = new Map(),
    onCatchUp,
    latest = true,
  } = options instanceof Date ? { now: options } : options;
  const wantsPartition = requestsPartitions(request);
  if (wantsPartition && !selected.some((a) => a.partitions !== undefined)) {
    throw new PlanError('--partition/--from/--to given, but no selected asset is partitioned');
  }
  const stepsOf = new Map<string, PlannedStep[]>();
  const keysOf = new Map<string, readonly string[]>();
  const plan: PlannedStep[] = [];
  const chosen = new Set(selected);
  const signatures = new Map<AssetDefinition, string>();
  const signature = (a: AssetDefinition): string => {
    let sig = signatures.get(a);
    if (sig === undefined) signatures.set(a, (sig = JSON.stringify(a.partitions?.toJSON() ?? null)));
    return sig;
  };
  const samePartitioning = (a: AssetDefinition, b: AssetDefinition): boolean =>
    a.partitions !== undefined && b.partitions !== undefined && signature(a) === signature(b);
  for (const asset of graph.assets) {
    if (!chosen.has(asset)) continue;
    const keys = partitionKeysOf(
      asset,
      request,
      now,
      () => [
        ...(missing.get(asset.key) ?? []),
        ...asset.deps.filter((d) => samePartitioning(asset, d)).flatMap((d) => keysOf.get(d.key) ?? []),
      ],
      latest,
    );
    const p = asset.partitions;
    if (p !== undefined) {
      const defined = keys.filter((k): k is string => k !== undefined);
      keysOf.set(asset.key, defined);
      if (!wantsPartition && defined.length > 1) onCatchUp?.(asset.key, defined);
    }
    const groups = p === undefined ? [[undefined]] : groupStepKeys(p, keys as string[], asset.backfillPolicy);
    const steps: PlannedStep[] = [];
    for (const group of groups) {
      const step: Step = {
        assetKey: asset.key,
        partitionKey: group[0],
        ...(group.length > 1 ? { partitionKeys: group as string[] } : {}),
      };
      const upstream: string[] = [];
      for (const dep of asset.deps) {
        const depSteps = stepsOf.get(dep.key);
        if (depSteps === undefined) continue;
        let match: PlannedStep[] = [];
        if (samePartitioning(asset, dep)) {
          const mine = new Set(keysOfStep(step));
          match = depSteps.filter((s) => keysOfStep(s).some((k) => mine.has(k)));
        }
        upstream.push(...(match.length > 0 ? match : depSteps).map((s) => s.label));
      }
      const planned = { ...step, label: stepLabel(step), asset, upstream };
      steps.push(planned);
      plan.push(planned);
    }
    stepsOf.set(asset.key, steps);
  }
  return plan;
}
