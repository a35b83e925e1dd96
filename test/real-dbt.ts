import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { dbtProfileEnv, requirePythonTool } from '@voyager/orchestration/testing';
import { repoRoot } from './run-cli.js';

/** The project's pinned dbt (`.tools/dbt`, from `npm run setup:python`), or a skip reason. */
export const dbt = requirePythonTool('dbt', 'dbt');
/** sqlfluff with the dbt templater, from the same environment. */
export const sqlfluff = requirePythonTool('dbt', 'sqlfluff');
/** The dbt project of the repository. */
export const transformationDir = join(repoRoot, 'transformation');

/** Exit code and output (stdout and stderr together) of one tool run. */
export interface ToolRun {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs a tool of the dbt environment in `transformation/` with profiles.yml's variables derived
 * from `databaseUrl` (parsing and linting need no server; the URL may point at nothing), and
 * `extraEnv` over this process's environment (the models' `env_var`s).
 */
export function runDbtTool(
  executable: string,
  args: readonly string[],
  databaseUrl = 'postgres://dbt:dbt@127.0.0.1:9/dbt',
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ToolRun> {
  const env = {
    ...process.env,
    ...extraEnv,
    ...dbtProfileEnv(databaseUrl, {}),
    DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { cwd: transformationDir, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
