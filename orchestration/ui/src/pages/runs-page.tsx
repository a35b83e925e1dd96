import { useState } from 'react';
import { Link } from 'react-router';
import { useRuns } from '../api/runs.js';
import { QueryState } from '../components/query-state.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDuration, formatTime } from '../components/format.js';

/** Runs, newest first: status, trigger (with the Airflow DAG run), selection, duration. */
export function RunsPage() {
  const [status, setStatus] = useState('');
  const runs = useRuns(status || undefined);
  return (
    <section>
      <h1>Runs</h1>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all</option>
            {['running', 'success', 'failed', 'canceled'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      <QueryState isLoading={runs.isLoading} error={runs.error}>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>Trigger</th>
                <th>Selection</th>
                <th>Partitions</th>
                <th>Started</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.data?.runs.map((r) => (
                <tr key={r.runId}>
                  <td data-label="Run">
                    <Link to={`/runs/${encodeURIComponent(r.runId)}`}>{r.runId}</Link>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="Trigger">
                    {r.dagRun ? `airflow: ${r.dagRun.dagId} ${r.dagRun.runId}` : r.trigger}
                  </td>
                  <td data-label="Selection">
                    <code>{r.selection}</code>
                  </td>
                  <td data-label="Partitions">
                    {r.partitions.length > 2
                      ? `${r.partitions[0]} … ${r.partitions.at(-1)} (${r.partitions.length})`
                      : r.partitions.join(', ')}
                  </td>
                  <td data-label="Started">{formatTime(r.startedAt)}</td>
                  <td data-label="Duration">
                    {r.status === 'running' ? 'running' : formatDuration(r.durationMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.data?.runs.length === 0 && <p className="muted">No runs yet: launch one.</p>}
        </div>
      </QueryState>
    </section>
  );
}
