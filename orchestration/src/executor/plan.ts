import type { AssetDefinition } from '../assets/asset.js';
import type { AssetGraph } from '../graph/asset-graph.js';
import { PartitionError } from '../assets/partitions.js';
import { stepLabel, type Step } from './step.js';

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

function partitionKeysOf(
  asset: AssetDefinition,
  request: PartitionRequest,
  now: Date,
): (string | undefined)[] {
  const p = asset.partitions;
  if (p === undefined) return [undefined];
  if (request.partition !== undefined) return [p.partition(request.partition).key];
  if (request.from !== undefined || request.to !== undefined) {
    if (request.from === undefined || request.to === undefined)
      throw new PlanError('--from and --to go together');
    return p.keysBetween(request.from, request.to);
  }
  const keys = p.keys(now);
  const last = keys.at(-1);
  if (last === undefined) throw new PartitionError(`asset ${asset.key} has no complete partition yet`, '');
  return [last];
}

/**
 * Expands selected assets into steps (one per asset and partition) in topological order, with
 * their upstream steps (the executor runs the outputs of one multi-asset as one unit): a partitioned step waits for the same partition of a partitioned dep with
 * the same partitioning, otherwise for every step of the dep. Deps outside the selection are
 * assumed materialized.
 *
 * @throws PlanError / PartitionError for a request that does not fit (`--partition` on nothing partitioned, bad key).
 */
export function planSteps(
  graph: AssetGraph,
  selected: readonly AssetDefinition[],
  request: PartitionRequest,
  now = new Date(),
): PlannedStep[] {
  const wantsPartition =
    request.partition !== undefined || request.from !== undefined || request.to !== undefined;
  if (wantsPartition && !selected.some((a) => a.partitions !== undefined)) {
    throw new PlanError('--partition/--from/--to given, but no selected asset is partitioned');
  }
  const stepsOf = new Map<string, Step[]>();
  const plan: PlannedStep[] = [];
  const chosen = new Set(selected);
  const signatures = new Map<AssetDefinition, string>();
  const signature = (a: AssetDefinition): string => {
    let sig = signatures.get(a);
    if (sig === undefined) signatures.set(a, (sig = JSON.stringify(a.partitions?.toJSON() ?? null)));
    return sig;
  };
  for (const asset of graph.assets) {
    if (!chosen.has(asset)) continue;
    const steps = partitionKeysOf(asset, request, now).map((partitionKey) => ({
      assetKey: asset.key,
      partitionKey,
    }));
    stepsOf.set(asset.key, steps);
    for (const step of steps) {
      const upstream: string[] = [];
      for (const dep of asset.deps) {
        const depSteps = stepsOf.get(dep.key);
        if (depSteps === undefined) continue;
        const samePartitioning =
          asset.partitions !== undefined &&
          dep.partitions !== undefined &&
          signature(asset) === signature(dep);
        const match = samePartitioning ? depSteps.filter((s) => s.partitionKey === step.partitionKey) : [];
        upstream.push(...(match.length > 0 ? match : depSteps).map(stepLabel));
      }
      plan.push({ ...step, label: stepLabel(step), asset, upstream });
    }
  }
  return plan;
}
