import { Link } from 'react-router';
import { num, useMart } from '../api/marts.js';
import { formatDuration } from '../components/format.js';
import { Panel } from './panel.js';

/** The latest activities, each linking to its page. */
export function ActivityList() {
  const q = useMart('activities');
  return (
    <Panel title="Latest activities" mart="marts.fct_activities" data={q.data} error={q.error}>
      {(rows) => (
        <div className="table-wrap short">
          <table className="data">
            <thead>
              <tr>
                <th>Activity</th>
                <th>Sport</th>
                <th>Date</th>
                <th>km</th>
                <th>Moving</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 50).map((r) => (
                <tr key={String(r.activity_id)}>
                  <td data-label="Activity">
                    <Link to={`/dashboards/activities/${String(r.activity_id)}`}>
                      {String(r.activity_name)}
                    </Link>
                  </td>
                  <td data-label="Sport">{String(r.sport_type)}</td>
                  <td data-label="Date">{String(r.started_at).slice(0, 10)}</td>
                  <td data-label="km">{num(r.distance_km).toFixed(1)}</td>
                  <td data-label="Moving">{formatDuration(num(r.moving_time_s) * 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
