import { join } from 'node:path';
import { pino, type Logger, type StreamEntry } from 'pino';
import { REDACTED_LOG_FIELDS } from '../context/logger.js';

/** `<home>/logs/<runId>.ndjson`: where every `voyager materialize` run writes its log lines. */
export function runLogFile(home: string, runId: string): string {
  return join(home, 'logs', `${runId}.ndjson`);
}

/**
 * The logger of one run: JSON lines to `file` always (read them with `voyager logs <run>`), and,
 * when `toStderr`, to stderr too (pretty on a terminal). Secrets are redacted in both.
 */
export async function createRunLogger(file: string, toStderr: boolean): Promise<Logger> {
  const level = (process.env.VOYAGER_LOG_LEVEL || 'info') as pino.LevelWithSilent;
  // the file keeps at least the info lines, whatever the terminal shows
  const fileLevel: pino.Level = level !== 'silent' && pino.levels.values[level]! < 30 ? level : 'info';
  const streams: StreamEntry[] = [
    { level: fileLevel, stream: pino.destination({ dest: file, mkdir: true, sync: true }) },
  ];
  if (toStderr && level !== 'silent') {
    const pretty = process.stderr.isTTY ? await import('pino-pretty').catch(() => undefined) : undefined;
    streams.push({
      level,
      stream: pretty
        ? pretty.default({
            destination: 2,
            colorize: true,
            ignore: 'pid,hostname',
            translateTime: 'HH:MM:ss',
            sync: true,
          })
        : pino.destination({ dest: 2, sync: true }),
    });
  }
  return pino(
    { level: fileLevel, redact: { paths: [...REDACTED_LOG_FIELDS], censor: '[redacted]' }, base: undefined },
    pino.multistream(streams),
  );
}
