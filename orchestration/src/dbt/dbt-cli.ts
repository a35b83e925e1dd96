import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from 'pino';
import type { Metadata } from '../assets/json.js';
import { voyagerSetting } from '../config/environment.js';
import { fullRefreshOf } from './builtin-runner.js';
import { DbtModelError } from './dbt-errors.js';
import { readDbtResults } from './dbt-results.js';

type Env = Readonly<Record<string, string | undefined>>;

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function search(wanted: string, env: Env): Promise<string | undefined> {
  if (wanted.includes('/')) return (await isExecutable(wanted)) ? wanted : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, wanted);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Where `npm run setup:python` installs the pinned dbt: `<tools dir>/dbt/bin/dbt`. */
export function projectDbtPath(env: Env, projectRoot: string | undefined): string | undefined {
  const tools =
    voyagerSetting(env, 'VOYAGER_TOOLS_DIR') ??
    (projectRoot === undefined ? undefined : join(projectRoot, '.tools'));
  return tools === undefined ? undefined : join(tools, 'dbt', 'bin', 'dbt');
}

/**
 * The dbt executable to run, or `undefined` to use the built-in runner. `VOYAGER_DBT_RUNNER`:
 * `auto` (default: dbt when found), `builtin` (never dbt), `dbt` (dbt or an error: the dbt image
 * sets it). Looked for in order: `DBT_BIN` (a path or a name on `PATH`; when set, only it), the
 * project's own pinned dbt from `npm run setup:python` (`$VOYAGER_TOOLS_DIR/dbt/bin/dbt`, else
 * `<projectRoot>/.tools/dbt/bin/dbt`), then `dbt` on `PATH`.
 *
 * @param projectRoot the Voyager project folder holding `.tools` (e.g. the parent of `transformation/`).
 * @throws DbtModelError when `VOYAGER_DBT_RUNNER=dbt` and no executable is found.
 */
export async function findDbtExecutable(env: Env, projectRoot?: string): Promise<string | undefined> {
  const mode = voyagerSetting(env, 'VOYAGER_DBT_RUNNER');
  if (mode === 'builtin') return undefined;
  const pinned = projectDbtPath(env, projectRoot);
  const bin = voyagerSetting(env, 'DBT_BIN');
  const found = bin
    ? await search(bin, env)
    : ((pinned !== undefined && (await isExecutable(pinned)) ? pinned : undefined) ??
      (await search('dbt', env)));
  if (found === undefined && mode === 'dbt') {
    throw new DbtModelError(
      `VOYAGER_DBT_RUNNER=dbt but no executable "${bin ?? 'dbt'}" was found (set DBT_BIN, or run npm run setup:python)`,
      '*',
    );
  }
  return found;
}

/**
 * The `VOYAGER_DBT_*` variables profiles.yml reads, derived from a Postgres URL
 * (`postgres://user:password@host:port/dbname?sslmode=...`). Variables already set win.
 * The result holds the password: pass it to the child process only, never log it.
 */
export function dbtProfileEnv(databaseUrl: string, env: Env): Record<string, string> {
  const url = new URL(databaseUrl);
  const derived: Record<string, string> = {
    VOYAGER_DBT_HOST: url.hostname.replace(/^\[|\]$/g, ''),
    VOYAGER_DBT_PORT: url.port || '5432',
    VOYAGER_DBT_USER: decodeURIComponent(url.username),
    VOYAGER_DBT_PASSWORD: decodeURIComponent(url.password),
    VOYAGER_DBT_DBNAME: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
  };
  const ssl =
    url.searchParams.get('sslmode') ??
    (env.VOYAGER_DATABASE_SSL === 'verify-full' ? 'verify-full' : env.VOYAGER_DATABASE_SSL);
  if (ssl) derived.VOYAGER_DBT_SSLMODE = ssl;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(derived)) out[k] = env[k] || v;
  return out;
}

/** One line of `dbt --log-format json`: https://docs.getdbt.com/reference/events-logging#structured-logging */
function forward(log: Logger, line: string): void {
  try {
    const event = JSON.parse(line) as { info?: { msg?: string; level?: string; name?: string } };
    const level =
      event.info?.level === 'error'
        ? 'error'
        : event.info?.level === 'warn'
          ? 'warn'
          : event.info?.level === 'debug'
            ? 'debug'
            : 'info';
    log[level]({ dbtEvent: event.info?.name }, event.info?.msg ?? line);
  } catch {
    log.info(line);
  }
}

/** Options of {@link runDbtBuild}. */
export interface DbtBuildOptions {
  readonly executable: string;
  /** The dbt project dir (holding dbt_project.yml and profiles.yml). */
  readonly projectDir: string;
  readonly model: string;
  /**
   * More dbt selectors built with the model, e.g. `source:strava.activities` so the source's tests
   * (attached to this model's step) run too.
   */
  readonly alsoSelect?: readonly string[];
  readonly databaseUrl: string;
  readonly env: Env;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

/**
 * Runs `dbt build --select <model> --indirect-selection cautious` (the model and its own tests
 * only: with dbt's default `eager`, building `dim_date` would also run `fct_activities`'
 * relationships tests that read it; `--full-refresh` when `VOYAGER_DBT_FULL_REFRESH=true`) with dbt's JSON log streamed to `log`,
 * then reads `run_results.json` and `manifest.json`. A failing test does not fail the
 * materialization (the model's checks report it, from `dbt_tests` in the metadata); a failed model does.
 *
 * @throws DbtModelError when dbt cannot start, or the model did not build (dbt's message included).
 */
export async function runDbtBuild(options: DbtBuildOptions): Promise<Metadata> {
  const targetPath = await mkdtemp(join(tmpdir(), 'voyager-dbt-'));
  const args = [
    'build',
    '--select',
    options.model,
    ...(options.alsoSelect ?? []),
    // https://docs.getdbt.com/reference/node-selection/test-selection-examples#indirect-selection
    '--indirect-selection',
    'cautious',
    '--project-dir',
    options.projectDir,
    '--profiles-dir',
    options.projectDir,
    '--target-path',
    targetPath,
    '--log-path',
    targetPath,
    '--log-format',
    'json',
    ...(fullRefreshOf(options.env) ? ['--full-refresh'] : []),
  ];
  try {
    const code = await new Promise<number>((resolveCode, reject) => {
      const child = spawn(options.executable, args, {
        cwd: options.projectDir,
        env: {
          ...options.env,
          ...dbtProfileEnv(options.databaseUrl, options.env),
          DBT_PROFILES_DIR: options.projectDir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: options.signal,
      });
      let buffer = '';
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const l of lines) if (l.trim()) forward(options.log, l);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', (error) =>
        reject(
          new DbtModelError(`cannot run ${options.executable}: ${error.message}`, options.model, {
            cause: error,
          }),
        ),
      );
      child.on('close', (exitCode) => {
        if (buffer.trim()) forward(options.log, buffer);
        resolveCode(exitCode ?? 1);
      });
    });
    const { results, tests } = await readDbtResults(targetPath);
    const node = results.find(
      (r) => r.unique_id.startsWith('model.') && r.unique_id.endsWith(`.${options.model}`),
    );
    if (!node || (node.status !== 'success' && node.status !== 'pass')) {
      throw new DbtModelError(
        `dbt build exited ${code}: ${node?.message ?? 'the model did not run (see the dbt log)'}`,
        options.model,
      );
    }
    return {
      runner: 'dbt',
      dbt_exit_code: code,
      ...(node.adapter_response?.rows_affected === undefined
        ? {}
        : { rows: node.adapter_response.rows_affected }),
      dbt_tests_failed: results.filter(
        (r) => r.unique_id.startsWith('test.') && /^(fail|error)$/.test(r.status),
      ).length,
      dbt_tests_run: results.filter((r) => r.unique_id.startsWith('test.')).length,
      // per check name: what dbt said, so the model's checks report dbt's own verdicts
      dbt_tests: Object.fromEntries(Object.entries(tests).map(([name, t]) => [name, { ...t }])),
    };
  } finally {
    await rm(targetPath, { recursive: true, force: true });
  }
}
