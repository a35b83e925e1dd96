import { Line } from 'react-chartjs-2';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS, PALETTE } from '../components/charts.js';
import { Panel } from './panel.js';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** Personal-record progression: record time per standard distance, each time it was beaten. */
export function PersonalRecords() {
  const q = useMart('personal-records');
  return (
    <Panel
      title="Personal records progression"
      mart="marts.fct_personal_records"
      data={q.data}
      error={q.error}
    >
      {(rows) => {
        const efforts = [...new Set(rows.map((r) => String(r.effort_name)))];
        const dates = [...new Set(rows.map((r) => String(r.set_at).slice(0, 10)))].sort();
        return (
          <>
            <div className="chart" role="img" aria-label={`Record times of ${efforts.join(', ')} over time`}>
              <Line
                options={{
                  ...BASE_OPTIONS,
                  scales: { y: { title: { display: true, text: 'record time (s)' } } },
                  plugins: {
                    tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${mmss(Number(c.raw))}` } },
                  },
                }}
                data={{
                  labels: dates,
                  datasets: efforts.map((e, i) => ({
                    label: e,
                    data: dates.map((d) => {
                      const r = rows.find((x) => x.effort_name === e && String(x.set_at).startsWith(d));
                      return r ? num(r.elapsed_time_s) : null;
                    }),
                    spanGaps: true,
                    stepped: true,
                    borderColor: PALETTE[i % PALETTE.length],
                  })),
                }}
              />
            </div>
            <ul className="records">
              {rows
                .filter((r) => r.is_current_record === true)
                .map((r) => (
                  <li key={String(r.effort_name)}>
                    {String(r.effort_name)}: <strong>{mmss(num(r.elapsed_time_s))}</strong> (
                    {String(r.set_at).slice(0, 10)})
                  </li>
                ))}
            </ul>
          </>
        );
      }}
    </Panel>
  );
}
