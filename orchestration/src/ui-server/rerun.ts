import { LaunchError, type LaunchArgs } from './launcher.js';
import type { RouteContext } from './ui-app.js';

/**
 * The launch that re-executes a run from its failed steps: every asset whose newest event in
 * that run failed, was skipped or canceled, for the partitions it had (one partition, or the
 * range from the first to the last of them). @throws LaunchError when nothing failed.
 */
export async function rerunArgs(ctx: Pick<RouteContext, 'runtime'>, runId: string): Promise<LaunchArgs> {
  const run = await ctx.runtime.runStorage.getRun(runId);
  if (run === undefined) throw new LaunchError(`no run ${runId}`);
  const newest = new Map<string, { assetKey: string; partitionKey: string; failed: boolean }>();
  for (const e of await ctx.runtime.runStorage.eventsOfRun(runId)) {
    if (e.eventType === 'check') continue;
    newest.set(`${e.assetKey}|${e.partitionKey}`, {
      assetKey: e.assetKey,
      partitionKey: e.partitionKey,
      failed: e.eventType !== 'materialization',
    });
  }
  const failed = [...newest.values()].filter((s) => s.failed);
  if (failed.length === 0) throw new LaunchError(`run ${runId} has no failed step to re-execute`);
  const keys = [...new Set(failed.map((s) => s.assetKey))];
  const partitions = [...new Set(failed.map((s) => s.partitionKey).filter((p) => p !== ''))].sort();
  const base = { select: keys.join(',') };
  if (partitions.length === 0) return base;
  if (partitions.length === 1) return { ...base, partition: partitions[0]! };
  return { ...base, from: partitions[0]!, to: partitions.at(-1)! };
}
