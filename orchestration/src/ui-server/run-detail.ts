import type { RunRecord } from '../run-storage/run-storage.js';
import type { LogLine, RunStep } from './api-schemas.js';
import type { StoredStep } from './run-events-query.js';

const STATUS: Record<StoredStep['lastEventType'], RunStep['status']> = {
  materialization: 'success',
  failure: 'failed',
  skipped: 'skipped',
  canceled: 'canceled',
  check: 'success',
};

/**
 * The steps of a run's timeline: the stored ones (one per asset and partition: first start, last
 * end, attempts, status of the newest event) plus, while it runs, the `step started` log lines
 * of steps that have no event yet (status `running`).
 */
export function runSteps(run: RunRecord, stored: readonly StoredStep[], logs: readonly LogLine[]): RunStep[] {
  const steps = new Map<string, RunStep>();
  for (const s of stored) {
    const label = s.partitionKey === '' ? s.assetKey : `${s.assetKey}[${s.partitionKey}]`;
    steps.set(label, {
      label,
      assetKey: s.assetKey,
      partitionKey: s.partitionKey,
      status: STATUS[s.lastEventType],
      attempts: s.attempts,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt.toISOString(),
    });
  }
  if (run.status === 'running') {
    for (const line of logs) {
      if (line.msg !== 'step started' || line.step === null || steps.has(line.step)) continue;
      const m = /^(.*?)(?:\[(.*)\])?$/.exec(line.step)!;
      steps.set(line.step, {
        label: line.step,
        assetKey: m[1]!,
        partitionKey: m[2] ?? '',
        status: 'running',
        attempts: typeof line.fields.attempt === 'number' ? line.fields.attempt : 1,
        startedAt: line.time,
        finishedAt: null,
      });
    }
  }
  return [...steps.values()].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
}
