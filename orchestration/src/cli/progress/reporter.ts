import { logUpdateStderr } from 'log-update';
import type { Logger } from 'pino';
import type { ExecutorEvent } from '../../executor/events.js';
import { formatDuration, statusLabel, volumeOf } from './format.js';

/** Receives executor events; `stop()` clears any live display. */
export interface ProgressReporter {
  onEvent(event: ExecutorEvent): void;
  /** Shows one line to the person (e.g. "canceling ..."), without breaking a live display. */
  note(text: string): void;
  stop(): void;
}

/** Sends every event to both reporters (the live display, and the log lines of the run's log file). */
export function bothReporters(a: ProgressReporter, b: ProgressReporter): ProgressReporter {
  return {
    onEvent(e) {
      a.onEvent(e);
      b.onEvent(e);
    },
    note: (text) => a.note(text),
    stop() {
      a.stop();
      b.stop();
    },
  };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A live display on a TTY (log-update): one line per step with a spinner while it runs and its
 * status, volume and duration when done, redrawn every 100 ms. It starts drawing at the run's
 * first event, so lines printed before (dev service notices) are never overwritten, and `stop()`
 * erases it: the summary table that follows shows the same list once.
 */
export function liveReporter(): ProgressReporter {
  const lines = new Map<string, { status: string; started?: number; detail: string }>();
  let frame = 0;
  const render = () => {
    frame = (frame + 1) % SPINNER.length;
    const out = [...lines].map(([label, s]) => {
      const symbol = s.status === 'running' ? SPINNER[frame] : statusLabel(s.status).split(' ')[0];
      const elapsed = s.status === 'running' && s.started ? formatDuration(Date.now() - s.started) : '';
      return `${symbol} ${label.padEnd(48)} ${s.status === 'running' ? elapsed : s.detail}`;
    });
    logUpdateStderr(out.join('\n'));
  };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  return {
    onEvent(e) {
      if (stopped) return;
      timer ??= setInterval(render, 100);
      if (e.type === 'run_started')
        for (const s of e.steps) lines.set(s.label, { status: 'pending', detail: '' });
      if (e.type === 'step_started')
        lines.set(e.step.label, { status: 'running', started: Date.now(), detail: '' });
      if (e.type === 'step_retrying')
        lines.set(e.step.label, { status: 'retrying', detail: `attempt ${e.attempt} failed: ${e.error}` });
      if (e.type === 'step_finished') {
        const o = e.outcome;
        lines.set(e.step.label, {
          status: o.status,
          detail: [o.status, volumeOf(o), formatDuration(o.durationMs)].filter(Boolean).join('  '),
        });
      }
      render();
    },
    note(text) {
      logUpdateStderr.clear();
      process.stderr.write(`${text}\n`);
      if (timer !== undefined && !stopped) render();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      logUpdateStderr.clear();
    },
  };
}

/** One structured log line per event, for logs that are not a TTY (CI, containers). */
export function logLineReporter(log: Logger): ProgressReporter {
  return {
    onEvent(e) {
      if (e.type === 'run_started') log.info({ runId: e.runId, steps: e.steps.length }, 'run started');
      if (e.type === 'step_started') log.info({ step: e.step.label, attempt: e.attempt }, 'step started');
      if (e.type === 'step_retrying')
        log.warn({ step: e.step.label, attempt: e.attempt, err: e.error }, 'step failed, retrying');
      if (e.type === 'step_finished') {
        const o = e.outcome;
        const fields = {
          step: e.step.label,
          status: o.status,
          durationMs: o.durationMs,
          ...o.metadata,
          ...(o.error ? { err: o.error } : {}),
        };
        if (o.status === 'success') log.info(fields, 'step finished');
        else log.warn(fields, `step ${o.status}`);
      }
      if (e.type === 'run_finished') log.info({ runId: e.runId, status: e.status }, 'run finished');
    },
    note: (text) => process.stderr.write(`\n${text}\n`),
    stop() {},
  };
}
