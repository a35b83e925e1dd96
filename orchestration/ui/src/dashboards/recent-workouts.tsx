import { num, useMart } from '../api/marts.js';
import { formatDuration } from '../components/format.js';
import { Panel } from './panel.js';

/** The latest workouts of the lifting logs: sets, exercises, reps and tonnage. */
export function RecentWorkouts() {
  const q = useMart('lifting-workouts');
  return (
    <Panel title="Recent workouts" mart="marts.fct_workouts" data={q.data} error={q.error}>
      {(rows) => (
        <div className="table-wrap short">
          <table className="data">
            <thead>
              <tr>
                <th>Date</th>
                <th>Workout</th>
                <th>Sets</th>
                <th>Exercises</th>
                <th>Tonnage</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r.workout_id)}>
                  <td data-label="Date">{String(r.date_day)}</td>
                  <td data-label="Workout">
                    {String(r.workout_name ?? '')} <span className="muted small">{String(r.source_app)}</span>
                  </td>
                  <td data-label="Sets">{num(r.working_set_count)}</td>
                  <td data-label="Exercises">{num(r.exercise_count)}</td>
                  <td data-label="Tonnage">{num(r.tonnage_kg).toFixed(0)} kg</td>
                  <td data-label="Duration">
                    {r.duration_s === null ? '–' : formatDuration(num(r.duration_s) * 1000)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
