import Table from 'cli-table3';
import type { RunResult } from '../../executor/executor.js';
import { formatDuration, statusLabel, volumeOf } from './format.js';

/**
 * The table `voyager materialize` ends with: asset, partition, status, rows or objects, duration,
 * and the error or failed checks of each step.
 */
export function renderSummaryTable(result: RunResult, color: boolean): string {
  const showPartition = result.outcomes.some((o) => o.partitionKey !== undefined);
  const notesOf = result.outcomes.map((o) => {
    const checks = o.checks.filter((c) => c.status !== 'success').map((c) => `check ${c.name}: ${c.status}`);
    return [o.status === 'success' ? '' : (o.error ?? ''), ...checks].filter((n) => n !== '').join('; ');
  });
  const showNotes = notesOf.some((n) => n !== '');
  const head = [
    'asset',
    ...(showPartition ? ['partition'] : []),
    'status',
    'rows / objects',
    'duration',
    ...(showNotes ? ['notes'] : []),
  ];
  const table = new Table({
    head,
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
    colWidths: head.map((h) => (h === 'notes' ? 60 : null)),
  });
  result.outcomes.forEach((o, i) => {
    const row = [
      o.assetKey,
      ...(showPartition ? [o.partitionKey ?? ''] : []),
      statusLabel(o.status),
      volumeOf(o),
      formatDuration(o.durationMs),
    ];
    table.push(showNotes ? [...row, notesOf[i]!] : row);
  });
  const counts = ['success', 'failed', 'skipped', 'canceled']
    .map((s) => [s, result.outcomes.filter((o) => o.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  return `${table.toString()}\nrun ${result.runId}: ${result.status} (${counts}) in ${formatDuration(result.durationMs)}\n`;
}
