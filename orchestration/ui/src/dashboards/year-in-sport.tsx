import { num, useMart } from '../api/marts.js';
import { Panel } from './panel.js';

/** Totals per year and sport, the longest day and week streaks within the year, the busiest week. */
export function YearInSport() {
  const q = useMart('year-in-sport');
  return (
    <Panel title="Year in sport" mart="marts.fct_year_in_sport" data={q.data} error={q.error}>
      {(rows) => (
        <table>
          <thead>
            <tr>
              <th>Year</th>
              <th>Sport</th>
              <th>Activities</th>
              <th>km</th>
              <th>Hours</th>
              <th>Longest day streak</th>
              <th>Longest week streak</th>
              <th>Busiest week</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${num(r.activity_year)}-${String(r.sport_type)}`}>
                <td>{num(r.activity_year)}</td>
                <td>{r.sport_type === 'All' ? <strong>All</strong> : String(r.sport_type)}</td>
                <td>{num(r.activity_count)}</td>
                <td>{num(r.distance_km).toFixed(1)}</td>
                <td>{num(r.moving_time_h).toFixed(1)}</td>
                <td>{num(r.longest_day_streak_days)} d</td>
                <td>{num(r.longest_week_streak_weeks)} wk</td>
                <td>
                  {r.busiest_week_start_date === null
                    ? '-'
                    : `${String(r.busiest_week_start_date)} (${num(r.busiest_week_distance_km).toFixed(1)} km)`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
