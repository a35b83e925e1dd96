import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Panel } from './panel.js';

/**
 * Heart rate per day from every source (Google Health, Takeout, Fitabase, Strava streams): the
 * daily maximum, the average of the hourly maxima and the resting estimate over time, with the
 * all-time maximum, the overall average of hourly maxima and the current (latest hour's) maximum.
 */
export function DailyHeartRate() {
  const q = useMart('daily-heart-rate');
  return (
    <Panel title="Heart rate per day" mart="marts.fct_daily_heart_rate" data={q.data} error={q.error}>
      {(rows) => {
        const max = rows.map((r) => num(r.max_heart_rate_bpm));
        const avg = rows.map((r) => num(r.avg_hourly_max_heart_rate_bpm));
        const resting = rows.map((r) =>
          r.resting_heart_rate_estimate_bpm === null ? null : num(r.resting_heart_rate_estimate_bpm),
        );
        const current = num(rows.at(-1)?.latest_hourly_max_heart_rate_bpm ?? 0);
        return (
          <>
            <dl className="stats">
              <div>
                <dt>Maximum</dt>
                <dd>{Math.max(...max).toFixed(0)} bpm</dd>
              </div>
              <div>
                <dt>Average of hourly maxima</dt>
                <dd>{(avg.reduce((a, b) => a + b, 0) / avg.length).toFixed(1)} bpm</dd>
              </div>
              <div>
                <dt>Current maximum (latest hour)</dt>
                <dd>{current.toFixed(0)} bpm</dd>
              </div>
            </dl>
            <div className="chart" role="img" aria-label={`Heart rate per day over ${rows.length} days`}>
              <Line
                options={{ ...BASE_OPTIONS, scales: { x: { ticks: { maxTicksLimit: 10 } } } }}
                data={{
                  labels: rows.map((r) => String(r.date_day)),
                  datasets: [
                    { label: 'daily max bpm', data: max, borderColor: '#be123c', pointRadius: 0 },
                    { label: 'average of hourly maxima', data: avg, borderColor: '#6b7280', pointRadius: 0 },
                    {
                      label: 'resting estimate',
                      data: resting,
                      borderColor: '#2563eb',
                      pointRadius: 0,
                      spanGaps: true,
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
