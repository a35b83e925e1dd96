import type { Logger } from 'pino';
import type { Definitions } from '../assets/definitions.js';
import type { RunningDevService } from '../assets/dev-service.js';

/** Dev services started for one command, and the environment they add. */
export interface StartedDevServices {
  readonly env: Record<string, string | undefined>;
  /** One line per started service for the person (e.g. "Strava: no credentials set, so ..."). */
  readonly notices: readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts every dev service the environment needs (e.g. the Strava simulator when no Strava
 * credentials are set) and returns the merged environment and each one's notice, for the caller
 * to print once it knows the command goes on (a configuration error is then the only line).
 */
export async function startDevServices(
  defs: Definitions,
  projectDir: string,
  env: Record<string, string | undefined>,
  log: Logger,
): Promise<StartedDevServices> {
  const running: RunningDevService[] = [];
  const notices: string[] = [];
  let merged = { ...env };
  try {
    for (const service of defs.devServices) {
      const started = await service.start({ env: merged, projectDir, log });
      if (started === undefined) continue;
      running.push(started);
      merged = { ...merged, ...started.env };
      notices.push(started.notice);
    }
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  return {
    env: merged,
    notices,
    async stop() {
      await Promise.allSettled(running.map((r) => r.stop()));
    },
  };
}
