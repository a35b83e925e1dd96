import { Bar } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

/** Working sets per ISO week, stacked by muscle group (tonnage in the tooltip). */
export function LiftingVolume() {
  const q = useMart('lifting-weekly-volume');
  return (
    <Panel title="Lifting volume by week" mart="marts.fct_weekly_muscle_volume" data={q.data} error={q.error}>
      {(rows) => {
        const weeks = [...new Set(rows.map((r) => String(r.week_start_date)))].sort();
        const groups = [...new Set(rows.map((r) => String(r.muscle_group)))].sort();
        const at = new Map(rows.map((r) => [`${r.week_start_date}|${r.muscle_group}`, r]));
        return (
          <div
            className="chart"
            role="img"
            aria-label={`Working sets per week over ${weeks.length} weeks, by muscle group: ${groups.join(', ')}`}
          >
            <Bar
              options={{
                ...BASE_OPTIONS,
                scales: {
                  x: { stacked: true },
                  y: { stacked: true, title: { display: true, text: 'sets' } },
                },
                plugins: {
                  tooltip: {
                    callbacks: {
                      afterLabel: (c) => {
                        const r = at.get(`${weeks[c.dataIndex]}|${c.dataset.label}`);
                        return r ? `${num(r.tonnage_kg).toFixed(0)} kg lifted` : '';
                      },
                    },
                  },
                },
              }}
              data={{
                labels: weeks,
                datasets: groups.map((g, i) => ({
                  label: g,
                  data: weeks.map((w) => num(at.get(`${w}|${g}`)?.set_count)),
                  backgroundColor: PALETTE[i % PALETTE.length],
                })),
              }}
            />
          </div>
        );
      }}
    </Panel>
  );
}
