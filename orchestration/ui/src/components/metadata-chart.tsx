import { Line } from 'react-chartjs-2';
import type { AssetEventDto } from '@voyager/orchestration/ui-api';
import { BASE_OPTIONS, PALETTE } from './charts.js';
import { formatTime } from './format.js';

/** Numeric metadata of materializations (rows, rejected rows, requests...) and duration, oldest first. */
export function MetadataChart({ history }: { history: readonly AssetEventDto[] }) {
  const mats = history
    .filter((e) => e.eventType === 'materialization')
    .slice()
    .reverse();
  if (mats.length === 0) return <p className="muted">No materialization yet.</p>;
  const keys = [
    ...new Set(mats.flatMap((e) => Object.keys(e.metadata).filter((k) => typeof e.metadata[k] === 'number'))),
  ];
  const series = [
    ...keys.map((k) => ({
      label: k,
      data: mats.map((e) => (typeof e.metadata[k] === 'number' ? (e.metadata[k] as number) : null)),
    })),
    { label: 'duration (s)', data: mats.map((e) => (e.durationMs === null ? null : e.durationMs / 1000)) },
  ];
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Metadata over ${mats.length} materializations: ${series.map((s) => s.label).join(', ')}`}
    >
      <Line
        options={BASE_OPTIONS}
        data={{
          labels: mats.map(
            (e) => `${formatTime(e.finishedAt)}${e.partitionKey ? ` [${e.partitionKey}]` : ''}`,
          ),
          datasets: series.map((s, i) => ({
            ...s,
            borderColor: PALETTE[i % PALETTE.length],
            backgroundColor: PALETTE[i % PALETTE.length],
            spanGaps: true,
          })),
        }}
      />
    </div>
  );
}
