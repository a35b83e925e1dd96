import { Chart } from 'react-chartjs-2';
import type { ChartData, ChartOptions } from 'chart.js';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Panel } from './panel.js';

interface Cell {
  x: string;
  y: string;
  v: number;
  d: string;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Monday of the week of `day` (YYYY-MM-DD, UTC). */
const mondayOf = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

/** A calendar heatmap (chartjs-chart-matrix) of the last year of activities: weeks × weekdays, km per day. */
export function ActivityCalendar() {
  const q = useMart('activity-calendar');
  return (
    <Panel title="Activity calendar" mart="marts.fct_activities" data={q.data} error={q.error}>
      {(rows) => {
        const last = rows.slice(-366);
        const cells: Cell[] = last.map((r) => {
          const day = String(r.day);
          return {
            x: mondayOf(day),
            y: DAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]!,
            v: num(r.distance_km),
            d: day,
          };
        });
        const weeks = [...new Set(cells.map((c) => c.x))].sort();
        const max = Math.max(1, ...cells.map((c) => c.v));
        const data: ChartData<'matrix', Cell[]> = {
          datasets: [
            {
              label: 'km',
              data: cells,
              backgroundColor: (c) =>
                `rgba(4, 120, 87, ${0.15 + (0.85 * ((c.raw as Cell | undefined)?.v ?? 0)) / max})`,
              width: ({ chart }) => (chart.chartArea?.width ?? 600) / weeks.length - 2,
              height: ({ chart }) => (chart.chartArea?.height ?? 140) / 7 - 2,
            },
          ],
        };
        const options: ChartOptions<'matrix'> = {
          ...BASE_OPTIONS,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: { label: (c) => `${(c.raw as Cell).d}: ${(c.raw as Cell).v.toFixed(1)} km` },
            },
          },
          scales: {
            x: {
              type: 'category',
              labels: weeks,
              offset: true,
              ticks: { maxTicksLimit: 12 },
              grid: { display: false },
            },
            y: { type: 'category', labels: DAYS, offset: true, grid: { display: false } },
          },
        };
        return (
          <div
            className="chart calendar"
            role="img"
            aria-label={`Activities on ${cells.length} days over ${weeks.length} weeks`}
          >
            <Chart type="matrix" data={data} options={options} />
          </div>
        );
      }}
    </Panel>
  );
}
