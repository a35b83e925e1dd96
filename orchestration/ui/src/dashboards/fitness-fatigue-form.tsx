import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Panel } from './panel.js';

/** Fitness (CTL), fatigue (ATL) and form (TSB) per day over the last year (marts.fct_daily_fitness). */
export function FitnessFatigueForm() {
  const q = useMart('fitness');
  return (
    <Panel title="Fitness, fatigue and form" mart="marts.fct_daily_fitness" data={q.data} error={q.error}>
      {(rows) => {
        const last = rows.at(-1);
        return (
          <>
            {last && (
              <dl className="stats">
                <div>
                  <dt>Fitness (CTL)</dt>
                  <dd>{num(last.fitness_ctl).toFixed(1)}</dd>
                </div>
                <div>
                  <dt>Fatigue (ATL)</dt>
                  <dd>{num(last.fatigue_atl).toFixed(1)}</dd>
                </div>
                <div>
                  <dt>Form (TSB)</dt>
                  <dd>{num(last.form_tsb).toFixed(1)}</dd>
                </div>
              </dl>
            )}
            <div
              className="chart"
              role="img"
              aria-label={`Fitness, fatigue and form over ${rows.length} days`}
            >
              <Line
                options={{ ...BASE_OPTIONS, scales: { x: { ticks: { maxTicksLimit: 12 } } } }}
                data={{
                  labels: rows.map((r) => String(r.date_day)),
                  datasets: [
                    {
                      label: 'fitness (CTL)',
                      data: rows.map((r) => num(r.fitness_ctl)),
                      borderColor: '#2563eb',
                      pointRadius: 0,
                    },
                    {
                      label: 'fatigue (ATL)',
                      data: rows.map((r) => num(r.fatigue_atl)),
                      borderColor: '#db2777',
                      pointRadius: 0,
                    },
                    {
                      label: 'form (TSB)',
                      data: rows.map((r) => num(r.form_tsb)),
                      borderColor: '#ca8a04',
                      pointRadius: 0,
                    },
                  ],
                }}
              />
            </div>
          </>
        );
      }}
    </Panel>
  );
}
