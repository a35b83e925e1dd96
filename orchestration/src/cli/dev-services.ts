import type { Logger } from 'pino';
import type { Definitions } from '../assets/definitions.js';
import type { RunningDevService } from '../assets/dev-service.js';

/** Dev services started for one command, and the environment they add. */
export interface StartedDevServices {
  readonly env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts every dev service the environment needs (e.g. the Strava simulator when no Strava
 * credentials are set), prints each one's notice on stderr, and returns the merged environment.
 */
export async function startDevServices(
  defs: Definitions,
  projectDir: string,
  env: Record<string, string | undefined>,
  log: Logger,
): Promise<StartedDevServices> {
  const running: RunningDevService[] = [];
  let merged = { ...env };
  try {
    for (const service of defs.devServices) {
      const started = await service.start({ env: merged, projectDir, log });
      if (started === undefined) continue;
      running.push(started);
      merged = { ...merged, ...started.env };
      process.stderr.write(`${started.notice}\n`);
    }
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  return {
    env: merged,
    async stop() {
      await Promise.allSettled(running.map((r) => r.stop()));
    },
  };
}
