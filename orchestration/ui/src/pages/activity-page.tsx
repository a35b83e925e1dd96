import { Link, useParams } from 'react-router';
import { num, useMart } from '../api/marts.js';
import { formatDuration } from '../components/format.js';

/**
 * One activity from marts.fct_activities. Its streams and route need a streams mart, which the
 * dbt project does not have yet: the page says so instead of reading staging.
 */
export function ActivityPage() {
  const id = useParams().activityId ?? '';
  const q = useMart('activities');
  const a = q.data?.rows.find((r) => String(r.activity_id) === id);
  return (
    <section>
      <p>
        <Link to="/dashboards">← Dashboards</Link>
      </p>
      <h1>{a ? String(a.activity_name) : `Activity ${id}`}</h1>
      {q.isLoading && <p aria-busy="true">Loading…</p>}
      {q.data && !a && (
        <p className="muted">Activity {id} is not among the latest 500 in marts.fct_activities.</p>
      )}
      {a && (
        <dl className="facts">
          <dt>Sport</dt>
          <dd>{String(a.sport_type)}</dd>
          <dt>Started</dt>
          <dd>{String(a.started_at)}</dd>
          <dt>Distance</dt>
          <dd>{num(a.distance_km).toFixed(2)} km</dd>
          <dt>Moving time</dt>
          <dd>{formatDuration(num(a.moving_time_s) * 1000)}</dd>
          <dt>Elevation gain</dt>
          <dd>{num(a.total_elevation_gain_m).toFixed(0)} m</dd>
          <dt>Heart rate</dt>
          <dd>
            {a.average_heartrate_bpm === null
              ? 'no reading'
              : `${num(a.average_heartrate_bpm).toFixed(0)} avg, ${num(a.max_heartrate_bpm).toFixed(0)} max bpm`}
          </dd>
        </dl>
      )}
      <h2>Streams and route</h2>
      <p className="muted">
        Heart rate, pace, altitude, cadence and power over time and distance, and the route drawn from its
        polyline, appear here once a streams mart (one row per activity and stream point) is in the dbt
        project.
      </p>
    </section>
  );
}
