import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { MartRows } from '@voyager/orchestration/ui-api';
import { num, useMart } from '../api/marts.js';
import { BASE_OPTIONS } from '../components/charts.js';
import { Choice } from '../components/choice.js';
import { ZONE_COLOURS, zoneLabel } from './zone-labels.js';
import { Panel } from './panel.js';

type Grain = 'day' | 'week';
const ZONES = [1, 2, 3, 4, 5] as const;
/** Days shown per day: the latest 60 days with readings (a bar per day stays readable). */
const DAYS_SHOWN = 60;

/** Seconds per zone (index 0 = zone 1) per day or per ISO week, oldest first. */
function bucket(rows: MartRows['rows'], grain: Grain): Array<[string, number[]]> {
  const out = new Map<string, number[]>();
  for (const r of grain === 'day' ? rows.slice(-DAYS_SHOWN) : rows) {
    const key = String(grain === 'day' ? r.date_day : r.week_start_date);
    const secs = out.get(key) ?? [0, 0, 0, 0, 0];
    ZONES.forEach((z, i) => (secs[i]! += num(r[`time_in_zone_${z}_s`])));
    out.set(key, secs);
  }
  return [...out.entries()];
}

/**
 * Time in the athlete's five heart-rate zones from the wearables (marts.fct_daily_heart_rate's
 * time_in_zone_1_s..5_s), stacked per day (minutes, the latest 60 days) or per ISO week (hours),
 * with the total per zone; zones labelled with their bpm bounds where fct_heart_rate_zones has them.
 */
export function TimeInZones() {
  const q = useMart('heart-rate-time-in-zones');
  const bounds = useMart('heart-rate-zone-bounds');
  const [grain, setGrain] = useState<Grain>('week');
  return (
    <Panel title="Time in heart-rate zones" mart="marts.fct_daily_heart_rate" data={q.data} error={q.error}>
      {(rows) => {
        const buckets = bucket(rows, grain);
        const unit = grain === 'day' ? 60 : 3600;
        const labels = ZONES.map((z) => zoneLabel(z, bounds.data));
        const totals = ZONES.map((_, i) => buckets.reduce((sum, [, s]) => sum + s[i]!, 0) / 3600);
        return (
          <>
            <Choice
              legend="Per"
              name="zones-grain"
              options={[
                { value: 'day', label: `Day (latest ${DAYS_SHOWN})` },
                { value: 'week', label: 'Week' },
              ]}
              value={grain}
              onChange={setGrain}
            />
            <dl className="stats">
              {labels.map((l, i) => (
                <div key={l}>
                  <dt>{l}</dt>
                  <dd>{totals[i]!.toFixed(1)} h</dd>
                </div>
              ))}
            </dl>
            <div
              className="chart"
              role="img"
              aria-label={`${grain === 'day' ? 'Minutes' : 'Hours'} in heart-rate zones 1 to 5 per ${grain} over ${buckets.length} ${grain}s`}
            >
              <Bar
                options={{
                  ...BASE_OPTIONS,
                  scales: {
                    x: { stacked: true, ticks: { maxTicksLimit: 12 } },
                    y: {
                      stacked: true,
                      title: { display: true, text: grain === 'day' ? 'minutes' : 'hours' },
                    },
                  },
                }}
                data={{
                  labels: buckets.map(([k]) => k),
                  datasets: ZONES.map((z, i) => ({
                    label: labels[i]!,
                    data: buckets.map(([, s]) => s[i]! / unit),
                    backgroundColor: ZONE_COLOURS[i],
                  })),
                }}
              />
            </div>
          </>
        );
      }}
    </Panel>
  );
}
