import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLine } from './api-schemas.js';

const LEVELS: Record<number, LogLine['level']> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The log file of a run: `$VOYAGER_HOME/logs/<runId>.ndjson` (written by `voyager materialize` and by the UI's launches). */
export function runLogFile(home: string, runId: string): string {
  return join(home, 'logs', `${runId.replace(/[^A-Za-z0-9_.-]/g, '_')}.ndjson`);
}

/**
 * Reads a run's pino JSON lines with index > `after` (0-based line numbers). Lines that are not
 * JSON are shown as `info` text. Returns `available: false` when the run has no log file here
 * (a run of another machine, or one that logged to a terminal).
 */
export async function readRunLogs(
  home: string,
  runId: string,
  after = -1,
): Promise<{ lines: LogLine[]; available: boolean }> {
  const file = runLogFile(home, runId);
  if (!existsSync(file)) return { lines: [], available: false };
  const text = await readFile(file, 'utf8');
  const lines: LogLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (index <= after || raw.trim() === '') return;
    lines.push(parseLine(raw, index));
  });
  return { lines, available: true };
}

function parseLine(raw: string, index: number): LogLine {
  try {
    const obj = JSON.parse(raw) as Record<string, unknown>;
    const { level, time, msg, step, pid: _pid, hostname: _host, ...fields } = obj;
    return {
      index,
      time: typeof time === 'number' ? new Date(time).toISOString() : typeof time === 'string' ? time : null,
      level: LEVELS[typeof level === 'number' ? level : 30] ?? 'info',
      msg: typeof msg === 'string' ? msg : '',
      step: typeof step === 'string' ? step : typeof fields.assetKey === 'string' ? fields.assetKey : null,
      fields,
    };
  } catch {
    return { index, time: null, level: 'info', msg: raw, step: null, fields: {} };
  }
}
