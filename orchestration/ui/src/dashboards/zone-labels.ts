import type { MartRows } from '@voyager/orchestration/ui-api';
import { num } from '../api/marts.js';

/** Colours of heart-rate zones 1-5 (cool to hot). */
export const ZONE_COLOURS = ['#60a5fa', '#34d399', '#fbbf24', '#f97316', '#dc2626'] as const;

/**
 * "zone 2 (120–150 bpm)": a zone with its bpm bounds (lower inclusive, upper exclusive, as the
 * marts count them) from the `heart-rate-zone-bounds` query; "zone 5 (≥ 180 bpm)" for the open top
 * zone; just "zone N" when the bounds are not known (that mart not built, or no zones loaded).
 */
export function zoneLabel(zone: number, bounds: MartRows | undefined): string {
  const b = bounds?.available ? bounds.rows.find((r) => num(r.zone_index) === zone) : undefined;
  if (!b || b.lower_bound_bpm === null) return `zone ${zone}`;
  const lower = num(b.lower_bound_bpm);
  if (b.upper_bound_bpm === null || num(b.upper_bound_bpm) < 0) return `zone ${zone} (≥ ${lower} bpm)`;
  if (lower <= 0) return `zone ${zone} (< ${num(b.upper_bound_bpm)} bpm)`;
  return `zone ${zone} (${lower}–${num(b.upper_bound_bpm)} bpm)`;
}
