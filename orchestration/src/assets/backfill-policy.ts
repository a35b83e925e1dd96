import type { PartitionsDefinition } from './partitions.js';

/**
 * How many partitions of an asset one step may materialize (Dagster's `BackfillPolicy`:
 * `multi_run(max_partitions_per_run)`; a very large `maxPartitionsPerStep` is its `single_run`).
 * The default, 1, is a step per partition. With N > 1, consecutive planned keys (a catch-up or a
 * `--from/--to` backfill) are grouped into steps of at most N keys, and such a step's
 * `ctx.partition` spans them (see `StepPartition`): the asset's `materialize` must then handle a
 * range, reading `ctx.partition.keys` or `ctx.partition.window`.
 */
export interface BackfillPolicy {
  /** Most partition keys in one step, an integer >= 1. */
  readonly maxPartitionsPerStep: number;
}

/**
 * Splits ascending planned `keys` into the keys of each step: runs of consecutive partitions (no
 * partition of the definition between them, as `exclusiveEnd` says), each cut into chunks of at
 * most `maxPartitionsPerStep`. With a policy of 1 (the default) every key is its own step.
 */
export function groupStepKeys(
  partitions: PartitionsDefinition,
  keys: readonly string[],
  policy: BackfillPolicy | undefined,
): string[][] {
  const max = policy?.maxPartitionsPerStep ?? 1;
  if (max <= 1) return keys.map((k) => [k]);
  const groups: string[][] = [];
  let current: string[] = [];
  for (const key of keys) {
    const last = current.at(-1);
    const consecutive =
      last !== undefined &&
      (partitions.kind === 'static'
        ? partitions.keys().indexOf(key) === partitions.keys().indexOf(last) + 1
        : partitions.exclusiveEnd(last) === key);
    if (last !== undefined && (!consecutive || current.length >= max)) {
      groups.push(current);
      current = [];
    }
    current.push(key);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
