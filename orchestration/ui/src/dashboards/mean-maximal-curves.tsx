import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

const label = (s: number) => (s < 60 ? `${s} s` : s < 3600 ? `${s / 60} min` : `${s / 3600} h`);

/** All-time mean-maximal curves per sport type: best speed (and power where recorded) per duration. */
export function MeanMaximalCurves() {
  const q = useMart('mean-maximal-curves');
  return (
    <Panel
      title="Mean-maximal curves (all time)"
      mart="marts.fct_mean_maximal_curves"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const durations = [...new Set(rows.map((r) => num(r.duration_s)))].sort((a, b) => a - b);
        const sports = [...new Set(rows.map((r) => String(r.sport_type)))];
        const at = (sport: string, d: number) =>
          rows.find((r) => r.sport_type === sport && num(r.duration_s) === d);
        const power = sports.filter((s) => rows.some((r) => r.sport_type === s && r.best_power_w !== null));
        return (
          <>
            <div className="chart" role="img" aria-label={`Best speed per duration for ${sports.join(', ')}`}>
              <Line
                options={{
                  ...BASE_OPTIONS,
                  scales: { y: { title: { display: true, text: 'best speed (km/h)' } } },
                }}
                data={{
                  labels: durations.map(label),
                  datasets: sports.map((s, i) => ({
                    label: s,
                    data: durations.map((d) => {
                      const r = at(s, d);
                      return r ? num(r.best_speed_m_per_s) * 3.6 : null;
                    }),
                    borderColor: PALETTE[i % PALETTE.length],
                  })),
                }}
              />
            </div>
            {power.length > 0 && (
              <div
                className="chart"
                role="img"
                aria-label={`Best power per duration for ${power.join(', ')}`}
              >
                <Line
                  options={{
                    ...BASE_OPTIONS,
                    scales: { y: { title: { display: true, text: 'best power (W)' } } },
                  }}
                  data={{
                    labels: durations.map(label),
                    datasets: power.map((s, i) => ({
                      label: s,
                      data: durations.map((d) => {
                        const r = at(s, d);
                        return r && r.best_power_w !== null ? num(r.best_power_w) : null;
                      }),
                      borderColor: PALETTE[i % PALETTE.length],
                    })),
                  }}
                />
              </div>
            )}
          </>
        );
      }}
    </Panel>
  );
}
