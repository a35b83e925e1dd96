import type { Definitions } from '../assets/definitions.js';
import type { RunStorage } from '../run-storage/run-storage.js';
import { safeSelect } from './catalog.js';
import type { PartitionStatus, PartitionsResponse } from './api-schemas.js';

/** Partitions shown at most (the newest ones): a daily asset since 2017 has ~3,500. */
const MAX_PARTITIONS = 5000;

/**
 * Every partition of a partitioned asset with its status: `running` when a running run asked
 * for it and has not finished it, else from the newest non-check event (`materialized` after a
 * success, `failed` after a failure or cancel), `missing` when nothing happened to it.
 * Returns `undefined` for an unpartitioned asset. @throws GraphError for an unknown key.
 */
export async function partitionStatuses(
  defs: Definitions,
  storage: RunStorage,
  assetKey: string,
): Promise<PartitionsResponse | undefined> {
  const asset = defs.graph.get(assetKey);
  if (asset.partitions === undefined) return undefined;
  const [latest, runs] = await Promise.all([storage.latestAssetEvents(), storage.recentRuns(50)]);
  const byKey = new Map<string, PartitionStatus>();
  const doneIn = new Set<string>();
  for (const e of latest) {
    if (e.assetKey !== assetKey) continue;
    doneIn.add(`${e.runId}|${e.partitionKey}`);
    byKey.set(
      e.partitionKey,
      e.eventType === 'materialization' ? 'materialized' : e.eventType === 'skipped' ? 'missing' : 'failed',
    );
  }
  for (const run of runs) {
    if (run.status !== 'running' || !safeSelect(defs, run.selection).includes(asset)) continue;
    for (const p of run.partitions) if (!doneIn.has(`${run.runId}|${p}`)) byKey.set(p, 'running');
  }
  const keys = asset.partitions.keys().slice(-MAX_PARTITIONS);
  return {
    kind: asset.partitions.kind,
    partitions: keys.map((key) => ({ key, status: byKey.get(key) ?? 'missing' })),
  };
}
