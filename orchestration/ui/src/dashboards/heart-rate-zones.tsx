import { Bar } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Panel } from './panel.js';
import { ZONE_COLOURS, zoneLabel } from './zone-labels.js';

/** Hours per heart-rate zone (1-5) of the activities per month, stacked; zones with their bpm bounds. */
export function HeartRateZones() {
  const q = useMart('heart-rate-zones');
  const bounds = useMart('heart-rate-zone-bounds');
  return (
    <Panel
      title="Heart-rate zones of activities"
      mart="marts.fct_heart_rate_zones"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const months = [...new Set(rows.map((r) => String(r.month)))].sort();
        const secs = new Map(rows.map((r) => [`${r.month}|${num(r.zone_index)}`, num(r.time_in_zone_s)]));
        return (
          <div
            className="chart"
            role="img"
            aria-label={`Hours in heart-rate zones 1 to 5 per month over ${months.length} months`}
          >
            <Bar
              options={{
                ...BASE_OPTIONS,
                scales: {
                  x: { stacked: true },
                  y: { stacked: true, title: { display: true, text: 'hours' } },
                },
              }}
              data={{
                labels: months,
                datasets: [1, 2, 3, 4, 5].map((z) => ({
                  label: zoneLabel(z, bounds.data),
                  data: months.map((m) => (secs.get(`${m}|${z}`) ?? 0) / 3600),
                  backgroundColor: ZONE_COLOURS[z - 1],
                })),
              }}
            />
          </div>
        );
      }}
    </Panel>
  );
}
