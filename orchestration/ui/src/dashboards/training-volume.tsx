import { Bar } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

/** Training volume (km) by ISO week, stacked by sport type. */
export function TrainingVolume() {
  const q = useMart('training-weeks');
  return (
    <Panel title="Training volume by week" mart="marts.fct_training_weeks" data={q.data} error={q.error}>
      {(rows) => {
        const weeks = [...new Set(rows.map((r) => String(r.week_start_date)))].sort();
        const sports = [...new Set(rows.map((r) => String(r.sport_type)))].sort();
        const km = new Map(rows.map((r) => [`${r.week_start_date}|${r.sport_type}`, num(r.distance_km)]));
        return (
          <div
            className="chart"
            role="img"
            aria-label={`Kilometres per week over ${weeks.length} weeks, by sport: ${sports.join(', ')}`}
          >
            <Bar
              options={{
                ...BASE_OPTIONS,
                scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'km' } } },
              }}
              data={{
                labels: weeks,
                datasets: sports.map((s, i) => ({
                  label: s,
                  data: weeks.map((w) => km.get(`${w}|${s}`) ?? 0),
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
