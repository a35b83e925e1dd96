import type { StepOutcome } from '../../executor/step.js';

/** `1.2 s`, `340 ms`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The "rows or objects" cell: `rows` (or `records`) first, then `objects`, from the materialization metadata. */
export function volumeOf(outcome: StepOutcome): string {
  const m = outcome.metadata;
  for (const [field, unit] of [
    ['rows', 'rows'],
    ['records', 'records'],
    ['objects', 'objects'],
  ] as const) {
    const v = m[field];
    if (typeof v === 'number') return `${v.toLocaleString('en-US')} ${unit}`;
  }
  return '';
}

/** Status with a symbol for humans. */
export function statusLabel(status: string): string {
  const symbols: Record<string, string> = {
    success: '✔',
    failed: '✖',
    skipped: '↷',
    canceled: '■',
    running: '…',
    pending: '·',
    retrying: '↻',
  };
  return `${symbols[status] ?? ''} ${status}`.trim();
}
