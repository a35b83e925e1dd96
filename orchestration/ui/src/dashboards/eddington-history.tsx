import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The Eddington number in km over time (marts.fct_eddington_history): a step per sport (and All)
 * rising on the day each number was reached, on a time-proportional axis.
 */
export function EddingtonHistory() {
  const q = useMart('eddington-history');
  return (
    <Panel
      title="Eddington number over time"
      mart="marts.fct_eddington_history"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const sports = [...new Set(rows.map((r) => String(r.sport_type)))].sort();
        return (
          <div
            className="chart"
            role="img"
            aria-label={`Eddington number in km over time for ${sports.join(', ')}: ${sports
              .map(
                (s) =>
                  `${s} ${Math.max(...rows.filter((r) => r.sport_type === s).map((r) => num(r.eddington_number)))}`,
              )
              .join(', ')}`}
          >
            <Line
              options={{
                ...BASE_OPTIONS,
                scales: {
                  x: {
                    type: 'linear',
                    ticks: { maxTicksLimit: 8, callback: (v) => isoDay(Number(v) * DAY_MS) },
                  },
                  y: { title: { display: true, text: 'Eddington number (km)' }, beginAtZero: true },
                },
                plugins: {
                  tooltip: { callbacks: { title: (items) => isoDay((items[0]?.parsed.x ?? 0) * DAY_MS) } },
                },
              }}
              data={{
                datasets: sports.map((s, i) => ({
                  label: s,
                  data: rows
                    .filter((r) => r.sport_type === s)
                    .map((r) => ({
                      x: Date.parse(String(r.reached_on)) / DAY_MS,
                      y: num(r.eddington_number),
                    })),
                  stepped: 'after' as const,
                  borderColor: PALETTE[i % PALETTE.length],
                  backgroundColor: PALETTE[i % PALETTE.length],
                  pointRadius: 0,
                })),
              }}
            />
          </div>
        );
      }}
    </Panel>
  );
}
