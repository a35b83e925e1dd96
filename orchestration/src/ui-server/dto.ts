import type { AssetEvent, RunRecord } from '../run-storage/run-storage.js';
import type { AssetEventDto, RunSummary, RunTrigger } from './api-schemas.js';

/** A stored event as the API sends it (instants as ISO strings). */
export function eventDto(e: AssetEvent): AssetEventDto {
  return {
    eventId: e.eventId,
    runId: e.runId,
    assetKey: e.assetKey,
    partitionKey: e.partitionKey,
    eventType: e.eventType,
    status: e.status,
    checkName: e.checkName,
    attempt: e.attempt,
    metadata: { ...e.metadata },
    error: e.error,
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt.toISOString(),
    durationMs: e.durationMs,
  };
}

/**
 * Who started a run. Airflow DAGs pass `<dag_id>__<dag run id>` as the Voyager run id (see the
 * Airflow compiler), so such ids name their DAG run; other runs say it in `launched_by`.
 */
export function runTrigger(run: Pick<RunRecord, 'runId' | 'launchedBy'>): {
  trigger: RunTrigger;
  dagRun: { dagId: string; runId: string } | null;
} {
  const sep = run.runId.indexOf('__');
  if (sep > 0)
    return {
      trigger: 'airflow',
      dagRun: { dagId: run.runId.slice(0, sep), runId: run.runId.slice(sep + 2) },
    };
  const by = run.launchedBy;
  const trigger: RunTrigger =
    by === 'ui' ? 'ui' : by.startsWith('cli') ? 'cli' : by === 'container' ? 'container' : 'other';
  return { trigger, dagRun: null };
}

/** A run as the API sends it. */
export function runDto(run: RunRecord): RunSummary {
  return {
    runId: run.runId,
    status: run.status,
    selection: run.selection,
    partitions: [...run.partitions],
    isolation: run.isolation,
    launchedBy: run.launchedBy,
    ...runTrigger(run),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    error: run.error,
  };
}
