import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Choice } from '../components/choice.js';
import { Panel } from './panel.js';

/** The weekly volume measures of marts.fct_weekly_muscle_volume (working sets only). */
const MEASURES = {
  sets: { column: 'set_count', label: 'Sets', unit: 'sets' },
  reps: { column: 'rep_count', label: 'Reps', unit: 'reps' },
  tonnage: { column: 'tonnage_kg', label: 'Tonnage', unit: 'kg (weight × reps)' },
} as const;

/** Weekly volume per ISO week stacked by muscle group: working sets, reps or tonnage in kg (a choice). */
export function LiftingVolume() {
  const q = useMart('lifting-weekly-volume');
  const [measure, setMeasure] = useState<keyof typeof MEASURES>('sets');
  const m = MEASURES[measure];
  return (
    <Panel title="Lifting volume by week" mart="marts.fct_weekly_muscle_volume" data={q.data} error={q.error}>
      {(rows) => {
        const weeks = [...new Set(rows.map((r) => String(r.week_start_date)))].sort();
        const groups = [...new Set(rows.map((r) => String(r.muscle_group)))].sort();
        const at = new Map(rows.map((r) => [`${r.week_start_date}|${r.muscle_group}`, r]));
        return (
          <>
            <Choice
              legend="Measure"
              name="lifting-measure"
              options={(Object.keys(MEASURES) as Array<keyof typeof MEASURES>).map((k) => ({
                value: k,
                label: MEASURES[k].label,
              }))}
              value={measure}
              onChange={setMeasure}
            />
            <div
              className="chart"
              role="img"
              aria-label={`${m.label} per week over ${weeks.length} weeks, by muscle group: ${groups.join(', ')}`}
            >
              <Bar
                options={{
                  ...BASE_OPTIONS,
                  scales: {
                    x: { stacked: true },
                    y: { stacked: true, title: { display: true, text: m.unit } },
                  },
                  plugins: {
                    tooltip: {
                      callbacks: {
                        afterLabel: (c) => {
                          const r = at.get(`${weeks[c.dataIndex]}|${c.dataset.label}`);
                          return r
                            ? `${num(r.set_count)} sets, ${num(r.rep_count)} reps, ${num(r.tonnage_kg).toFixed(0)} kg lifted`
                            : '';
                        },
                      },
                    },
                  },
                }}
                data={{
                  labels: weeks,
                  datasets: groups.map((g, i) => ({
                    label: g,
                    data: weeks.map((w) => num(at.get(`${w}|${g}`)?.[m.column])),
                    backgroundColor: PALETTE[i % PALETTE.length],
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
