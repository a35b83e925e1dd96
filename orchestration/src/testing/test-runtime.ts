import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetDefinition } from '../assets/asset.js';
import type { ImporterDefinition, ImportSummary } from '../assets/importer.js';
import type { MultiAssetDefinition } from '../assets/multi-asset.js';
import { createLogger } from '../context/logger.js';
import { environmentSecrets, materializeStep, type AttemptOutcome } from '../executor/materialize-step.js';
import { openRuntime, type Runtime } from '../runtime/runtime.js';
import { freePort } from './free-port.js';

/** A runtime on a fresh embedded Postgres and landing folder in a temp dir, removed on close. */
export interface TestRuntime extends Runtime {
  /** The temp dir holding `postgres/` and `landing/`. */
  readonly home: string;
}

/**
 * Opens a throw-away runtime for tests: real embedded Postgres on a free port, real landing folder.
 * `env` is merged over `process.env` minus `VOYAGER_DATABASE_URL` / `VOYAGER_LANDING_URL`.
 */
export async function createTestRuntime(
  options: { env?: Record<string, string>; projectDir?: string } = {},
): Promise<TestRuntime> {
  const home = await mkdtemp(join(tmpdir(), 'voyager-test-'));
  // as root, Postgres runs as the `postgres` user, which must be able to enter the folder
  await chmod(home, 0o755);
  const { VOYAGER_DATABASE_URL: _db, VOYAGER_LANDING_URL: _landing, ...base } = process.env;
  const runtime = await openRuntime({
    projectDir: options.projectDir ?? process.cwd(),
    env: { ...base, VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), ...options.env },
  });
  return {
    ...runtime,
    home,
    async close() {
      await runtime.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/**
 * Materializes one asset once in `runtime` (materialize + checks, events recorded), as the
 * executor would for one attempt. A multi-asset (or one of its outputs) runs as a whole: the
 * outcome's `metadata` is its first output's, `outputs` has each one's. Returns the outcome; does
 * not throw for a failed asset.
 */
export async function runAssetOnce(
  runtime: Runtime,
  step: AssetDefinition | MultiAssetDefinition,
  options: { partitionKey?: string; runId?: string; signal?: AbortSignal } = {},
): Promise<AttemptOutcome> {
  const asset = 'assets' in step ? step.assets[0]! : step;
  const runId = options.runId ?? `test-${process.pid}-${++counter}`;
  await runtime.runStorage.createRun({ runId, selection: asset.key });
  return materializeStep({
    asset,
    partitionKey: options.partitionKey,
    runId,
    attempt: 1,
    runtime,
    log: createLogger({ level: process.env.VOYAGER_LOG_LEVEL ?? 'silent', pretty: false }),
    signal: options.signal ?? new AbortController().signal,
  });
}

/**
 * Runs `importer` once on `path` in `runtime`, as `voyager import <name> <path>` would: a silent
 * logger, no secrets and an empty environment. Returns the importer's summary; throws what it
 * throws.
 */
export function runImporterOnce(
  runtime: Runtime,
  importer: ImporterDefinition,
  path: string,
  options: { runId?: string } = {},
): Promise<ImportSummary> {
  return importer.run({
    path,
    runId: options.runId ?? `import-${process.pid}-${++counter}`,
    log: createLogger({ level: 'silent', pretty: false }),
    landing: runtime.landing,
    warehouse: runtime.warehouse,
    secrets: environmentSecrets({}),
    signal: new AbortController().signal,
    projectDir: runtime.projectDir,
    env: {},
  });
}
