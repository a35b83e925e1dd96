import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** pino level; default `VOYAGER_LOG_LEVEL` or `info`. */
  readonly level?: string;
  /** Human-readable output; default: when stderr is a TTY. JSON lines otherwise. */
  readonly pretty?: boolean;
  /** Where lines go; default stderr (fd 2), so stdout stays for `--json` results. */
  readonly destination?: number;
  /** Write JSON lines to this file instead (its folder is created); used behind the live display. */
  readonly file?: string;
}

/** Field names pino removes from every log line, so a token never reaches a log. */
export const REDACTED_LOG_FIELDS: readonly string[] = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'client_secret',
  'authorization',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.authorization',
];

/**
 * Creates the structured logger every asset gets as `ctx.log` (pino): pretty on a TTY,
 * JSON lines otherwise; secrets listed in {@link REDACTED_LOG_FIELDS} are censored.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? 2;
  const level = options.level ?? process.env.VOYAGER_LOG_LEVEL ?? 'info';
  const redact = { paths: [...REDACTED_LOG_FIELDS], censor: '[redacted]' };
  if (options.file !== undefined) {
    return pino(
      { level, redact, base: undefined },
      pino.destination({ dest: options.file, mkdir: true, sync: true }),
    );
  }
  const pretty = options.pretty ?? (process.stderr.isTTY === true && destination === 2);
  if (pretty) {
    return pino({
      level,
      redact,
      transport: {
        target: 'pino-pretty',
        options: { destination, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
      },
    });
  }
  return pino({ level, redact, base: undefined }, pino.destination({ dest: destination, sync: true }));
}
