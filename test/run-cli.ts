import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Root of the repository. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../orchestration/bin/voyager.js', import.meta.url));

/** Exit code and output of one `voyager` invocation. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `voyager` launcher (as `npm start` / `npx voyager` do) in the repository root,
 * with the given environment over a copy of ours minus any warehouse/landing/Strava settings.
 */
export function runVoyager(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const base = Object.fromEntries(
    // the simulator's data (set by the global setup) is the one VOYAGER_ setting kept
    Object.entries(process.env).filter(
      ([k]) => !/^(VOYAGER_|STRAVA_)/.test(k) || k === 'VOYAGER_SIMULATOR_DATA',
    ),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...base, CI: '1', VOYAGER_LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
