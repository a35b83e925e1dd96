import { Link } from 'react-router';
import type { AssetEventDto } from '@voyager/orchestration/ui-api';
import { StatusBadge } from './status-badge.js';
import { formatDuration, formatTime } from './format.js';

/** Events as a table: time, run, partition, check, status, duration, metadata or error. */
export function EventTable({ events, caption }: { events: readonly AssetEventDto[]; caption: string }) {
  if (events.length === 0) return <p className="muted">None yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th>Finished</th>
            <th>Run</th>
            <th>Partition</th>
            <th>Event</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.eventId}>
              <td data-label="Finished">{formatTime(e.finishedAt)}</td>
              <td data-label="Run">
                <Link to={`/runs/${encodeURIComponent(e.runId)}`}>{e.runId}</Link>
              </td>
              <td data-label="Partition">{e.partitionKey}</td>
              <td data-label="Event">{e.checkName ?? e.eventType}</td>
              <td data-label="Status">
                <StatusBadge status={e.status} />
              </td>
              <td data-label="Duration">{formatDuration(e.durationMs)}</td>
              <td data-label="Details" className="details">
                {e.error ?? JSON.stringify(e.metadata)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
