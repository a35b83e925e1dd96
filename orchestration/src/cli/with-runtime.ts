import type { CliApp } from './cli-app.js';
import { startDevServices } from './dev-services.js';
import { openRuntime, type Runtime } from '../runtime/runtime.js';

/**
 * Opens the runtime for one command (embedded Postgres when `VOYAGER_DATABASE_URL` is unset),
 * optionally with the dev services (Strava simulator...), runs `fn`, and always closes both.
 */
export async function withRuntime<T>(
  app: CliApp,
  options: { devServices: boolean },
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  let env: Record<string, string | undefined> = { ...process.env };
  let stopServices = async () => {};
  if (options.devServices) {
    const services = await startDevServices(await app.loadDefinitions(), app.projectDir, env, app.log);
    env = services.env;
    stopServices = services.stop;
  }
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime({ projectDir: app.projectDir, env, log: app.log });
    return await fn(runtime);
  } finally {
    await runtime?.close();
    await stopServices();
  }
}
