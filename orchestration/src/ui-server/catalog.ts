import type { AssetDefinition } from '../assets/asset.js';
import type { Definitions } from '../assets/definitions.js';
import type { AssetEvent, RunRecord, RunStorage } from '../run-storage/run-storage.js';
import type { AssetKind, AssetStatus, AssetSummary, CheckVerdicts } from './api-schemas.js';

/** The layer of an asset key: its first segment when it is one of the four layers. */
export function assetKind(key: string): AssetKind {
  const first = key.split('/')[0];
  return first === 'landing' || first === 'raw' || first === 'staging' || first === 'marts' ? first : 'other';
}

const STATUS_OF_EVENT: Record<AssetEvent['eventType'], AssetStatus> = {
  materialization: 'materialized',
  failure: 'failed',
  skipped: 'skipped',
  canceled: 'canceled',
  check: 'materialized',
};

/** What the catalog is computed from: run storage read once per request. */
export interface CatalogInputs {
  readonly latest: readonly AssetEvent[];
  readonly materializations: readonly AssetEvent[];
  readonly checks: readonly AssetEvent[];
  readonly runningRuns: readonly RunRecord[];
}

/** Reads the newest events, materializations, check results and the running runs. */
export async function readCatalogInputs(storage: RunStorage): Promise<CatalogInputs> {
  const [latest, materializations, checks, runs] = await Promise.all([
    storage.latestAssetEvents(),
    storage.latestMaterializations(),
    storage.latestCheckResults(),
    storage.recentRuns(50),
  ]);
  return { latest, materializations, checks, runningRuns: runs.filter((r) => r.status === 'running') };
}

const newest = <T extends { finishedAt: Date }>(list: readonly T[]): T | undefined =>
  list.reduce<T | undefined>((a, b) => (a === undefined || b.finishedAt > a.finishedAt ? b : a), undefined);

function groupByKey(events: readonly AssetEvent[]): Map<string, AssetEvent[]> {
  const out = new Map<string, AssetEvent[]>();
  for (const e of events) {
    const list = out.get(e.assetKey);
    if (list) list.push(e);
    else out.set(e.assetKey, [e]);
  }
  return out;
}

/**
 * The asset catalog: every asset of the graph (topological order) with its status (newest event
 * over its partitions; `running` while a running run selected it and it has no event of that run),
 * last materialization, check verdicts (newest result per check and partition) and `stale` (an
 * upstream asset materialized after this one's newest materialization, or this one never did
 * while an upstream did).
 */
export function buildCatalog(defs: Definitions, inputs: CatalogInputs): AssetSummary[] {
  const latest = groupByKey(inputs.latest);
  const mats = groupByKey(inputs.materializations);
  const checks = groupByKey(inputs.checks);
  const lastMat = new Map<string, Date>();
  for (const [key, list] of mats) lastMat.set(key, newest(list)!.finishedAt);
  const running = new Set<string>();
  for (const run of inputs.runningRuns) {
    const selected = safeSelect(defs, run.selection);
    for (const a of selected) {
      const done = latest.get(a.key)?.some((e) => e.runId === run.runId);
      if (!done) running.add(a.key);
    }
  }
  return defs.graph.assets.map((a) => {
    const last = newest(latest.get(a.key) ?? []);
    const status: AssetStatus = running.has(a.key)
      ? 'running'
      : last === undefined
        ? 'never'
        : STATUS_OF_EVENT[last.eventType];
    const mine = lastMat.get(a.key);
    const stale = a.deps.some((d) => {
      const up = lastMat.get(d.key);
      return up !== undefined && (mine === undefined || up > mine);
    });
    const verdicts: CheckVerdicts = { passed: 0, warn: 0, failed: 0 };
    for (const c of checks.get(a.key) ?? []) {
      if (c.status === 'success') verdicts.passed += 1;
      else if (c.status === 'warn') verdicts.warn += 1;
      else if (c.status === 'failed') verdicts.failed += 1;
    }
    const lastOk = newest(mats.get(a.key) ?? []);
    return {
      key: a.key,
      group: a.group,
      kind: assetKind(a.key),
      description: a.description,
      image: a.image,
      deps: a.deps.map((d) => d.key),
      partitioned: a.partitions !== undefined,
      status,
      lastMaterializedAt: lastOk?.finishedAt.toISOString() ?? null,
      lastRunId: last?.runId ?? null,
      stale,
      checks: verdicts,
      tags: { ...(a.tags ?? {}) },
    };
  });
}

/** The assets a stored selection names, or none when it no longer parses against the graph. */
export function safeSelect(defs: Definitions, selection: string): AssetDefinition[] {
  try {
    return defs.graph.select(selection);
  } catch {
    return [];
  }
}
