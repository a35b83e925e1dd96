import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

/** Estimated one-rep max (Epley) per day of the most-logged exercises, with the best to date. */
export function OneRepMax() {
  const q = useMart('lifting-one-rep-max');
  return (
    <Panel
      title="Estimated 1RM progression"
      mart="marts.fct_exercise_one_rep_max"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const days = [...new Set(rows.map((r) => String(r.date_day)))].sort();
        const exercises = [...new Set(rows.map((r) => String(r.exercise_name)))];
        const best = new Map(
          rows.map((r) => [`${r.date_day}|${r.exercise_name}`, num(r.best_epley_1rm_kg_to_date)]),
        );
        return (
          <div
            className="chart"
            role="img"
            aria-label={`Best estimated one-rep max to date of ${exercises.join(', ')} over ${days.length} days`}
          >
            <Line
              options={{
                ...BASE_OPTIONS,
                spanGaps: true,
                scales: { y: { title: { display: true, text: 'kg (Epley, best to date)' } } },
              }}
              data={{
                labels: days,
                datasets: exercises.map((e, i) => ({
                  label: e,
                  data: days.map((d) => best.get(`${d}|${e}`) ?? null),
                  borderColor: PALETTE[i % PALETTE.length],
                  backgroundColor: PALETTE[i % PALETTE.length],
                  pointRadius: 2,
                })),
              }}
            />
          </div>
        );
      }}
    </Panel>
  );
}
