import type { AssetEvent, RunRecord } from '../run-storage/run-storage.js';
import type { LogLine, RunStep } from './api-schemas.js';

/**
 * The steps of a run's timeline, from its stored events (one step per asset and partition:
 * first start, last end, attempts, newest status) plus, while it runs, the `step started` log
 * lines of steps that have no event yet.
 */
export function runSteps(run: RunRecord, events: readonly AssetEvent[], logs: readonly LogLine[]): RunStep[] {
  const steps = new Map<string, RunStep>();
  for (const e of events) {
    if (e.eventType === 'check') continue;
    const label = e.partitionKey === '' ? e.assetKey : `${e.assetKey}[${e.partitionKey}]`;
    const prev = steps.get(label);
    const started =
      e.startedAt ?? (e.durationMs !== null ? new Date(e.finishedAt.getTime() - e.durationMs) : e.finishedAt);
    const status =
      e.eventType === 'materialization' ? 'success' : e.eventType === 'failure' ? 'failed' : e.eventType;
    steps.set(label, {
      label,
      assetKey: e.assetKey,
      partitionKey: e.partitionKey,
      status,
      attempts: Math.max(prev?.attempts ?? 0, e.attempt),
      startedAt: prev?.startedAt ?? started.toISOString(),
      finishedAt: e.finishedAt.toISOString(),
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
