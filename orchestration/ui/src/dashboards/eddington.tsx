import { num, useMart } from '../api/marts.js';
import { Panel } from './panel.js';

/** Eddington numbers overall and per sport, in km and miles, with the days to the next one. */
export function Eddington() {
  const q = useMart('eddington');
  return (
    <Panel title="Eddington number" mart="marts.fct_eddington_numbers" data={q.data} error={q.error}>
      {(rows) => (
        <table>
          <thead>
            <tr>
              <th>Sport</th>
              <th>Unit</th>
              <th>E</th>
              <th>Reached on</th>
              <th>Days to E + 1</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${String(r.sport_type)}-${String(r.distance_unit)}`}>
                <td>{String(r.sport_type)}</td>
                <td>{String(r.distance_unit)}</td>
                <td>
                  <strong>{num(r.eddington_number)}</strong>
                </td>
                <td>{String(r.reached_on)}</td>
                <td>{num(r.days_to_next)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
