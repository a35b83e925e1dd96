import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { RunStep } from '@voyager/orchestration/ui-api';
import { BASE_OPTIONS } from './charts.js';

const COLOURS: Record<RunStep['status'], string> = {
  running: '#1d4ed8',
  success: '#047857',
  failed: '#b91c1c',
  skipped: '#6b7280',
  canceled: '#92400e',
};

/** Steps per page of the timeline: a canvas one row per step of a 1,000-step run is 28,000 px tall. */
const PAGE = 50;

/**
 * The run's steps as floating bars (seconds since the run started), one row per step, 50 steps
 * at a time with buttons to page through a long run.
 */
export function RunTimeline(props: { steps: readonly RunStep[]; startedAt: string }) {
  const [page, setPage] = useState(0);
  if (props.steps.length === 0) return <p className="muted">No step has started yet.</p>;
  const pages = Math.ceil(props.steps.length / PAGE);
  const shown = Math.min(page, pages - 1);
  return (
    <>
      {pages > 1 && (
        <div className="actions" role="group" aria-label="Timeline pages">
          <button type="button" disabled={shown === 0} onClick={() => setPage(shown - 1)}>
            Previous
          </button>
          <span aria-live="polite">
            Steps {shown * PAGE + 1}–{Math.min(props.steps.length, (shown + 1) * PAGE)} of{' '}
            {props.steps.length}
          </span>
          <button type="button" disabled={shown === pages - 1} onClick={() => setPage(shown + 1)}>
            Next
          </button>
        </div>
      )}
      <TimelineChart
        steps={props.steps.slice(shown * PAGE, (shown + 1) * PAGE)}
        startedAt={props.startedAt}
      />
    </>
  );
}

function TimelineChart({ steps, startedAt }: { steps: readonly RunStep[]; startedAt: string }) {
  const t0 = new Date(startedAt).getTime();
  const now = Date.now();
  const secs = (iso: string | null, fallback: number) =>
    ((iso ? new Date(iso).getTime() : fallback) - t0) / 1000;
  return (
    <div
      className="chart timeline"
      style={{ height: Math.max(120, steps.length * 28 + 60) }}
      role="img"
      aria-label={`Timeline of ${steps.length} steps`}
    >
      <Bar
        options={{
          ...BASE_OPTIONS,
          indexAxis: 'y',
          plugins: { legend: { display: false } },
          scales: { x: { title: { display: true, text: 'seconds since the run started' }, min: 0 } },
        }}
        data={{
          labels: steps.map((s) => `${s.label}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ''}`),
          datasets: [
            {
              label: 'step',
              data: steps.map((s) => [secs(s.startedAt, t0), secs(s.finishedAt, now)] as [number, number]),
              backgroundColor: steps.map((s) => COLOURS[s.status]),
            },
          ],
        }}
      />
    </div>
  );
}
