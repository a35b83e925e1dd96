import { useState } from 'react';
import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Choice } from '../components/choice.js';
import { Panel } from './panel.js';

/**
 * How a one-rep max is estimated from a set of w kg × r reps (marts.fct_exercise_one_rep_max):
 * Epley (1985) w × (1 + r/30), Brzycki (1993) w × 36 / (37 − r).
 */
const FORMULAS = {
  epley: { name: 'Epley', column: 'best_epley_1rm_kg_to_date', formula: 'w × (1 + r/30)' },
  brzycki: { name: 'Brzycki', column: 'best_brzycki_1rm_kg_to_date', formula: 'w × 36 / (37 − r)' },
} as const;

/** Estimated one-rep max (Epley or Brzycki, a choice) of the most-logged exercises over time, best to date. */
export function OneRepMax() {
  const q = useMart('lifting-one-rep-max');
  const [formula, setFormula] = useState<keyof typeof FORMULAS>('epley');
  const f = FORMULAS[formula];
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
          rows
            .filter((r) => r[f.column] !== null && r[f.column] !== undefined)
            .map((r) => [`${r.date_day}|${r.exercise_name}`, num(r[f.column])]),
        );
        return (
          <>
            <Choice
              legend="Estimate"
              name="one-rep-max-formula"
              options={(Object.keys(FORMULAS) as Array<keyof typeof FORMULAS>).map((k) => ({
                value: k,
                label: `${FORMULAS[k].name} (${FORMULAS[k].formula})`,
              }))}
              value={formula}
              onChange={setFormula}
            />
            <div
              className="chart"
              role="img"
              aria-label={`Best ${f.name} one-rep max to date of ${exercises.join(', ')} over ${days.length} days`}
            >
              <Line
                options={{
                  ...BASE_OPTIONS,
                  spanGaps: true,
                  scales: { y: { title: { display: true, text: `kg (${f.name}, best to date)` } } },
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
          </>
        );
      }}
    </Panel>
  );
}
