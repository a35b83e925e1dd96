import { useNavigate, useParams } from 'react-router';
import { useCancel, useLaunch, useRun, useRunLogs, useRunStream } from '../api/runs.js';
import { QueryState } from '../components/query-state.js';
import { StatusBadge } from '../components/status-badge.js';
import { RunTimeline } from '../components/run-timeline.js';
import { VirtualList } from '../components/virtual-list.js';
import { formatDuration, formatTime } from '../components/format.js';

/** One run: status, timeline of its steps, its events and log lines, live while it runs. */
export function RunPage() {
  const runId = useParams().runId ?? '';
  const q = useRun(runId);
  const logs = useRunLogs(runId);
  const running = q.data?.run.status === 'running';
  useRunStream(runId, running);
  const cancel = useCancel(runId);
  const launch = useLaunch();
  const navigate = useNavigate();
  const d = q.data;
  const failedSteps = d?.steps.filter((s) => s.status !== 'success' && s.status !== 'running').length ?? 0;
  return (
    <section>
      <h1>Run {runId}</h1>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {d && (
          <>
            <dl className="facts">
              <dt>Status</dt>
              <dd aria-live="polite">
                <StatusBadge status={d.run.status} />
              </dd>
              <dt>Trigger</dt>
              <dd>
                {d.run.dagRun
                  ? `Airflow DAG ${d.run.dagRun.dagId}, run ${d.run.dagRun.runId}`
                  : d.run.trigger}
              </dd>
              <dt>Selection</dt>
              <dd>
                <code>{d.run.selection}</code> {d.run.partitions.join(', ')}
              </dd>
              <dt>Started</dt>
              <dd>{formatTime(d.run.startedAt)}</dd>
              <dt>Duration</dt>
              <dd>{running ? 'running…' : formatDuration(d.run.durationMs)}</dd>
              {d.run.error && (
                <>
                  <dt>Error</dt>
                  <dd className="error">{d.run.error}</dd>
                </>
              )}
            </dl>
            <div className="actions">
              {d.cancelable && (
                <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                  Cancel run
                </button>
              )}
              {!running && failedSteps > 0 && (
                <button
                  type="button"
                  disabled={launch.isPending}
                  onClick={() =>
                    launch.mutate(
                      { rerunOf: runId },
                      { onSuccess: (r) => navigate(`/runs/${encodeURIComponent(r.runId)}`) },
                    )
                  }
                >
                  Re-execute {failedSteps} failed step{failedSteps > 1 ? 's' : ''}
                </button>
              )}
              {(cancel.error ?? launch.error) && (
                <p className="error" role="alert">
                  {(cancel.error ?? launch.error)!.message}
                </p>
              )}
            </div>
            <h2>Timeline</h2>
            <RunTimeline steps={d.steps} startedAt={d.run.startedAt} />
            <h2>
              Events ({d.eventCount}
              {d.eventCount > d.events.length ? `, the newest ${d.events.length} shown` : ''})
            </h2>
            <VirtualList
              items={d.events}
              rowHeight={28}
              label="Events of the run"
              render={(e) => (
                <span>
                  {formatTime(e.finishedAt)} <StatusBadge status={e.status} /> <code>{e.assetKey}</code>
                  {e.partitionKey && ` [${e.partitionKey}]`}{' '}
                  {e.checkName ? `check ${e.checkName}` : e.eventType}
                  {e.attempt > 1 && ` attempt ${e.attempt}`} {e.error ?? ''}
                </span>
              )}
            />
            <h2>Logs</h2>
            {logs.data && !logs.data.available ? (
              <p className="muted">
                No log file for this run on this machine (it logged elsewhere, or to a terminal).
              </p>
            ) : (
              <VirtualList
                items={logs.data?.lines ?? []}
                rowHeight={24}
                label="Log lines of the run"
                render={(l) => (
                  <span className={`log log-${l.level}`}>
                    {l.time?.slice(11, 19)} {l.level.toUpperCase()} {l.step ? `[${l.step}] ` : ''}
                    {l.msg}{' '}
                    {Object.keys(l.fields).length > 0 && (
                      <span className="muted">{JSON.stringify(l.fields)}</span>
                    )}
                  </span>
                )}
              />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
