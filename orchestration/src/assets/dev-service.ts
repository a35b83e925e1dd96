import type { Logger } from 'pino';

/** A running local stand-in for a production dependency (e.g. the Strava API simulator). */
export interface RunningDevService {
  /** Environment the assets see while it runs (e.g. `STRAVA_API_URL`). */
  readonly env: Readonly<Record<string, string>>;
  /** One line telling the user what is simulated and how to use the real thing instead. */
  readonly notice: string;
  stop(): Promise<void>;
}

/**
 * A local stand-in the CLI starts before materializing, when the environment lacks what
 * production would provide. `start` returns `undefined` when it is not needed.
 */
export interface DevServiceDefinition {
  readonly name: string;
  start(options: {
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly projectDir: string;
    readonly log: Logger;
  }): Promise<RunningDevService | undefined>;
}
