import type { Metadata } from '@voyager/orchestration';

/** Fields that describe the table after the load (the rejected-rows window), not one hour's work. */
const LATEST = new Set(['window_rows', 'window_rejected_rows', 'target']);

/**
 * The metadata of a step of several heart-rate hours from each hour's `loadHeartRateHour`
 * metadata (hours ascending): counts summed (`rows`, `rejected_rows`, `objects_loaded`,
 * `objects_skipped`, `rows_replaced`, ...), lists merged without repeats (`new_fields`,
 * `sources_replaced`, `quarantined_objects`), the rejected-rows window and `target` of the last
 * hour, plus `hours` (how many were loaded). One hour's metadata comes back as it was.
 */
export function mergeHourMetadata(hours: readonly Metadata[]): Metadata {
  if (hours.length === 1) return hours[0]!;
  const merged: Record<string, Metadata[string]> = {};
  for (const m of hours) {
    for (const [k, v] of Object.entries(m)) {
      const was = merged[k];
      if (typeof v === 'number' && !LATEST.has(k)) merged[k] = (typeof was === 'number' ? was : 0) + v;
      else if (Array.isArray(v))
        merged[k] = [
          ...new Set([...(Array.isArray(was) ? was : []), ...v].map((x) => JSON.stringify(x))),
        ].map((x) => JSON.parse(x) as Metadata[string]);
      else merged[k] = v;
    }
  }
  return { ...merged, hours: hours.length };
}
