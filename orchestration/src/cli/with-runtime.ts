import type { CliApp } from './cli-app.js';
import { startDevServices } from './dev-services.js';
import { ConfigError } from '../config/environment.js';
import { openRuntime, type Runtime } from '../runtime/runtime.js';

/** Options of {@link withRuntime}. */
export interface WithRuntimeOptions {
  /** Start the code location's dev services (Strava simulator...) first. */
  readonly devServices: boolean;
  /**
   * Problems with the environment the assets will see (after dev services), e.g. the images'
   * `validateEnvironment`; any problem stops the command (ConfigError, exit 2) before Postgres starts
   * and before the dev services' notices are printed, so the error is the only line.
   */
  readonly validate?: (env: Readonly<Record<string, string | undefined>>) => readonly string[];
}

/**
 * Opens the runtime for one command (embedded Postgres when `VOYAGER_DATABASE_URL` is unset),
 * optionally with the dev services (Strava simulator...), runs `fn`, and always closes both.
 *
 * @throws ConfigError when `validate` finds problems (one line per message, variables merged).
 */
export async function withRuntime<T>(
  app: CliApp,
  options: WithRuntimeOptions,
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  let env: Record<string, string | undefined> = { ...process.env };
  let stopServices = async () => {};
  let notices: readonly string[] = [];
  if (options.devServices) {
    const services = await startDevServices(await app.loadDefinitions(), app.projectDir, env, app.log);
    env = services.env;
    notices = services.notices;
    stopServices = services.stop;
  }
  let runtime: Runtime | undefined;
  try {
    const problems = options.validate?.(env) ?? [];
    if (problems.length > 0) throw new ConfigError(mergeProblems(problems));
    for (const notice of notices) process.stderr.write(`${notice}\n`);
    runtime = await openRuntime({ projectDir: app.projectDir, env, log: app.log });
    return await fn(runtime);
  } finally {
    await runtime?.close();
    await stopServices();
  }
}

/** `["A: is not set (hint)", "B: is not set (hint)"]` -> `["A, B: is not set (hint)"]`: one line per distinct message. */
export function mergeProblems(problems: readonly string[]): string[] {
  const byMessage = new Map<string, string[]>();
  for (const p of problems) {
    const match = /^([A-Z][A-Z0-9_]*): (.*)$/s.exec(p);
    const [name, message] = match ? [match[1]!, match[2]!] : ['', p];
    byMessage.set(message, [...(byMessage.get(message) ?? []), ...(name ? [name] : [])]);
  }
  return [...byMessage].map(([message, names]) =>
    names.length ? `${names.join(', ')}: ${message}` : message,
  );
}
