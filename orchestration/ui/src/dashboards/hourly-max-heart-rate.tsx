import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Panel } from './panel.js';

/** Hourly maximum heart rate: the series, its maximum, the average of the hourly maxima and the current (latest) one. */
export function HourlyMaxHeartRate() {
  const q = useMart('hourly-max-heart-rate');
  return (
    <Panel
      title="Hourly maximum heart rate"
      mart="marts.fct_hourly_max_heart_rate"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const values = rows.map((r) => num(r.max_heart_rate_bpm));
        const max = Math.max(...values);
        const avg = values.reduce((a, b) => a + b, 0) / values.length;
        const current = values.at(-1) ?? 0;
        return (
          <>
            <dl className="stats">
              <div>
                <dt>Maximum</dt>
                <dd>{max.toFixed(0)} bpm</dd>
              </div>
              <div>
                <dt>Average of hourly maxima</dt>
                <dd>{avg.toFixed(1)} bpm</dd>
              </div>
              <div>
                <dt>Current (latest hour)</dt>
                <dd>{current.toFixed(0)} bpm</dd>
              </div>
            </dl>
            <div
              className="chart"
              role="img"
              aria-label={`Hourly maximum heart rate over ${rows.length} hours`}
            >
              <Line
                options={{
                  ...BASE_OPTIONS,
                  plugins: { legend: { display: false } },
                  scales: { x: { ticks: { maxTicksLimit: 10 } } },
                }}
                data={{
                  labels: rows.map((r) => String(r.hour_started_at).slice(0, 16)),
                  datasets: [
                    { label: 'max bpm', data: values, borderColor: '#be123c', pointRadius: 0 },
                    {
                      label: 'average',
                      data: values.map(() => avg),
                      borderColor: '#6b7280',
                      borderDash: [4, 4],
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
