import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../assets/json.js';
import { genericTestName, snakeName } from './read-yaml-tests.js';

/** A node of dbt's `manifest.json`, the fields read here: https://docs.getdbt.com/reference/artifacts/manifest-json */
export interface ManifestNode {
  readonly name: string;
  readonly resource_type: string;
  readonly attached_node?: string | null;
  readonly column_name?: string | null;
  readonly depends_on?: { readonly nodes?: readonly string[] };
  readonly test_metadata?: {
    name: string;
    namespace?: string | null;
    kwargs?: Record<string, JsonValue>;
  } | null;
}

/** A result of `run_results.json`: https://docs.getdbt.com/reference/artifacts/run-results-json */
export interface DbtRunResult {
  readonly unique_id: string;
  readonly status: string;
  readonly message?: string | null;
  readonly failures?: number | null;
  readonly adapter_response?: { rows_affected?: number };
}

/** What real dbt said about one test, keyed by check name in a materialization's `dbt_tests` metadata. */
export interface DbtTestOutcome {
  /** dbt's status: `pass`, `fail`, `warn`, `error`, `skipped`. */
  readonly status: string;
  /** Failing rows dbt counted, when it ran the test. */
  readonly failures: number | null;
  readonly message: string | null;
}

/**
 * The check names a test node of `manifest.json` can have: the name {@link genericTestName} gives
 * it (`source_` + ... for a test on a source table) and the node's own name.
 */
export function checkNames(node: ManifestNode): string[] {
  const meta = node.test_metadata;
  if (!meta) return [snakeName(node.name)];
  const kind = meta.namespace ? `${meta.namespace}.${meta.name}` : meta.name;
  const kwargs = meta.kwargs ?? {};
  const column =
    node.column_name ?? (typeof kwargs.column_name === 'string' ? kwargs.column_name : undefined);
  const parents = node.depends_on?.nodes ?? [];
  if (!node.attached_node && parents.length === 1 && parents[0]!.startsWith('source.')) {
    // source.<package>.<source>.<table>
    const [, , source, table] = parents[0]!.split('.');
    return [
      ...new Set([
        `source_${genericTestName(kind, kwargs, `${source}_${table}`, column)}`,
        snakeName(node.name),
      ]),
    ];
  }
  const model = (node.attached_node ?? '').split('.').pop() ?? '';
  return [...new Set([genericTestName(kind, kwargs, model, column), snakeName(node.name)])];
}

/**
 * Reads `run_results.json` and `manifest.json` of a `dbt build` and maps every test result to the
 * check names of {@link genericTestName}, so a check of a model built by real dbt reports dbt's own
 * verdict (package tests included). Missing or unreadable artifacts give empty results.
 */
export async function readDbtResults(
  targetPath: string,
): Promise<{ results: DbtRunResult[]; tests: Record<string, DbtTestOutcome> }> {
  const read = async <T>(file: string): Promise<T | undefined> =>
    readFile(join(targetPath, file), 'utf8')
      .then((t) => JSON.parse(t) as T)
      .catch(() => undefined);
  const results = (await read<{ results: DbtRunResult[] }>('run_results.json'))?.results ?? [];
  const nodes = (await read<{ nodes?: Record<string, ManifestNode> }>('manifest.json'))?.nodes ?? {};
  const tests: Record<string, DbtTestOutcome> = {};
  for (const r of results) {
    const node = nodes[r.unique_id];
    if (!r.unique_id.startsWith('test.') || !node) continue;
    const outcome = { status: r.status, failures: r.failures ?? null, message: r.message ?? null };
    for (const name of checkNames(node)) tests[name] = outcome;
  }
  return { results, tests };
}
