import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `orchestration/src/testing/python-tools.ts` or its `dist` twin). */
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * The folder of the project's Python tool environments: `$VOYAGER_TOOLS_DIR` or `<repo>/.tools`,
 * filled by `npm run setup:python` (dev/python-tools/install.sh).
 */
export function pythonToolsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.VOYAGER_TOOLS_DIR ?? join(repoRoot, '.tools');
}

/**
 * Absolute path of an executable in one of the Python tool environments, e.g.
 * `pythonTool('dbt', 'dbt')` -> `<repo>/.tools/dbt/bin/dbt`, or `undefined` when it is not installed.
 */
export function pythonTool(environment: string, executable: string): string | undefined {
  const path = join(pythonToolsDir(), environment, 'bin', executable);
  return existsSync(path) ? path : undefined;
}

/**
 * For tests that need a Python tool: its path, or a skip reason. In CI (`CI` set) a missing tool
 * throws instead, so a broken install fails the run rather than skipping the real-engine tests.
 *
 * ```ts
 * const dbt = requirePythonTool('dbt', 'dbt');
 * describe.skipIf(!dbt.path)(`real dbt ${dbt.skipReason ?? ''}`, () => { ... });
 * ```
 * @throws Error in CI when the tool is missing.
 */
export function requirePythonTool(
  environment: string,
  executable: string,
): { readonly path: string | undefined; readonly skipReason: string | undefined } {
  const path = pythonTool(environment, executable);
  if (path) return { path, skipReason: undefined };
  const reason = `(skipped: ${executable} is not installed in ${join(pythonToolsDir(), environment)}; run npm run setup:python)`;
  if (process.env.CI) throw new Error(`CI needs ${executable}: ${reason}`);
  return { path: undefined, skipReason: reason };
}
