import { Line } from 'react-chartjs-2';
import type { ActivityStreams, StreamAxis, StreamName } from '@voyager/orchestration/ui-api';
import { BASE_OPTIONS, PALETTE } from './charts.js';

/** How each stream is shown: title, unit and the conversion from the API's unit. */
const SHOWN: Record<StreamName, { title: string; unit: string; convert: (v: number) => number }> = {
  heart_rate_bpm: { title: 'Heart rate', unit: 'bpm', convert: (v) => v },
  speed_m_per_s: { title: 'Speed', unit: 'km/h', convert: (v) => v * 3.6 },
  altitude_m: { title: 'Altitude', unit: 'm', convert: (v) => v },
  power_w: { title: 'Power', unit: 'W', convert: (v) => v },
  cadence_rpm: { title: 'Cadence', unit: 'rpm', convert: (v) => v },
};
/** Pace for runs: min/km from m/s (no pace below 1 km/h: standing still is not a pace). */
const PACE = {
  title: 'Pace',
  unit: 'min/km',
  convert: (v: number) => (v > 0.28 ? 1000 / 60 / v : Number.NaN),
};

/**
 * One line chart per recorded stream of an activity (heart rate, speed or pace, altitude, power,
 * cadence), sharing the x axis: elapsed minutes or kilometres.
 */
export function StreamCharts(props: { streams: ActivityStreams; axis: StreamAxis; isRun: boolean }) {
  const names = (Object.keys(SHOWN) as StreamName[]).filter((n) => props.streams.series[n]?.length);
  if (names.length === 0) return <p className="muted">No streams recorded for this activity.</p>;
  const xTitle = props.axis === 'time' ? 'minutes' : 'km';
  return (
    <div className="stream-charts">
      {names.map((name, i) => {
        const shown = name === 'speed_m_per_s' && props.isRun ? PACE : SHOWN[name];
        const data = props.streams.series[name]!.map(([x, y]) => ({
          x: props.axis === 'time' ? x / 60 : x,
          y: shown.convert(y),
        }));
        return (
          <figure key={name} className="stream">
            <figcaption>
              {shown.title} ({shown.unit})
            </figcaption>
            <div className="chart" role="img" aria-label={`${shown.title} (${shown.unit}) over ${xTitle}`}>
              <Line
                options={{
                  ...BASE_OPTIONS,
                  parsing: false,
                  plugins: { legend: { display: false } },
                  scales: {
                    x: { type: 'linear', title: { display: true, text: xTitle } },
                    y: { reverse: shown === PACE },
                  },
                  elements: { point: { radius: 0 } },
                }}
                data={{
                  datasets: [
                    { label: shown.title, data, borderColor: PALETTE[i % PALETTE.length], borderWidth: 1.5 },
                  ],
                }}
              />
            </div>
          </figure>
        );
      })}
    </div>
  );
}
