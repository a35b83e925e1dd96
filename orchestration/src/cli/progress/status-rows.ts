import type { Metadata } from '../../assets/json.js';

/** One asset's line in `voyager status`: its partitions summed up. */
export interface AssetStatusRow {
  readonly assetKey: string;
  /** The worst latest status over its partitions (`failed` > `canceled` > `skipped` > `success`). */
  readonly status: string;
  /** Newest successful materialization (ISO), or null. */
  readonly lastMaterializedAt: string | null;
  /** `rows` or `objects` of the newest materialization, e.g. `1,132 rows`. */
  readonly volume: string;
  /** Partitions with events (0 for an unpartitioned asset). */
  readonly partitions: number;
  /** Partitions whose latest event is not a success. */
  readonly failedPartitions: number;
}

const RANK: Record<string, number> = { failed: 3, canceled: 2, skipped: 1, success: 0 };

/**
 * Sums up the latest event per asset and partition into one row per asset, the not-ok first,
 * then by key.
 */
export function statusRows(
  assets: readonly {
    assetKey: string;
    partitionKey: string | null;
    status: string;
    lastMaterializedAt: string | null;
    metadata: Metadata;
  }[],
): AssetStatusRow[] {
  const byKey = new Map<string, (typeof assets)[number][]>();
  for (const a of assets) byKey.set(a.assetKey, [...(byKey.get(a.assetKey) ?? []), a]);
  const rows = [...byKey].map(([assetKey, events]): AssetStatusRow => {
    const worst = events.reduce((w, e) => ((RANK[e.status] ?? 0) > (RANK[w.status] ?? 0) ? e : w));
    const newest = events
      .filter((e) => e.lastMaterializedAt !== null)
      .sort((x, y) => y.lastMaterializedAt!.localeCompare(x.lastMaterializedAt!))[0];
    const m = newest?.metadata ?? {};
    const unit = typeof m.rows === 'number' ? 'rows' : typeof m.objects === 'number' ? 'objects' : undefined;
    const n = unit === undefined ? undefined : (m[unit] as number);
    return {
      assetKey,
      status: worst.status,
      lastMaterializedAt: newest?.lastMaterializedAt ?? null,
      volume: unit === undefined ? '' : `${n!.toLocaleString('en-US')} ${unit}`,
      partitions: events.filter((e) => e.partitionKey !== null).length,
      failedPartitions: events.filter((e) => e.partitionKey !== null && e.status !== 'success').length,
    };
  });
  return rows.sort(
    (x, y) => (RANK[y.status] ?? 0) - (RANK[x.status] ?? 0) || x.assetKey.localeCompare(y.assetKey),
  );
}
