import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/** One operator call of a generated DAG, as `dag_inspector.py` reads it. */
export interface InspectedTask {
  readonly var: string;
  readonly operator: string;
  readonly task_id: string;
  readonly asset_keys: string[];
  readonly image: string;
  readonly command: string[];
  readonly retries: number;
  readonly retry_delay_seconds: number | null;
  readonly retry_exponential_backoff: boolean;
  readonly outlets: string[];
  readonly outlet_classes: string[];
  readonly cpu: number | null;
  readonly memory_mib: number | null;
  readonly doc_md: string | null;
  /** `trigger_rule=`, when the call passes one (only the finish task does). */
  readonly trigger_rule: string | null;
}

/** The schedule argument of a DAG. */
export type InspectedSchedule =
  | { readonly kind: 'manual' }
  | {
      readonly kind: 'cron';
      readonly cron: string;
      readonly timetable: string | null;
      readonly timezone?: string;
    }
  | { readonly kind: 'assets'; readonly uris: string[]; readonly classes: string[] };

/** One generated DAG file. */
export interface InspectedDag {
  readonly file: string;
  readonly header: string;
  readonly docstring: string | null;
  readonly dag_id: string;
  readonly schedule: InspectedSchedule;
  readonly catchup: boolean;
  readonly max_active_runs: number;
  readonly tags: string[];
  readonly start_date: string;
  readonly user_defined_macros: string[];
  readonly imports: Array<{ module: string | null; names: string[] }>;
  /** The asset tasks, in declaration order (without `voyager__finish_run`). */
  readonly tasks: InspectedTask[];
  /** Dependency edges between asset tasks. */
  readonly edges: Array<[string, string]>;
  /** Every operator call with task id `voyager__finish_run` (one when the DAG is right). */
  readonly finish_tasks: InspectedTask[];
  /** Dependency edges that have `voyager__finish_run` at either end. */
  readonly finish_edges: Array<[string, string]>;
  /** Task ids of every operator call, the finish task included, in declaration order. */
  readonly task_order: string[];
}

/** One module of the operator package. */
export interface InspectedModule {
  readonly file: string;
  readonly classes: Array<{ name: string; bases: string[]; init_defaults: Record<string, string> }>;
  readonly functions: string[];
  readonly strings: string[];
}

/** What `dag_inspector.py` prints for a bundle. */
export interface InspectedBundle {
  readonly dags: InspectedDag[];
  readonly modules: InspectedModule[];
}

/** Runs `dag_inspector.py` (python3, ast only) on a written bundle. */
export async function inspectBundle(dir: string): Promise<InspectedBundle> {
  const { stdout } = await run('python3', [join(here, 'dag_inspector.py'), dir], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as InspectedBundle;
}

/** Every `.py` file under `dir`, sorted. */
export async function pythonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Byte-compiles every file with `python3 -m py_compile` (one process; on a syntax error it exits
 * non-zero naming the file and line). Compiled output goes to a throwaway pycache prefix.
 */
export async function pyCompile(files: readonly string[], cacheDir: string): Promise<void> {
  await run('python3', ['-m', 'py_compile', ...files], {
    env: { ...process.env, PYTHONPYCACHEPREFIX: cacheDir },
  });
}
