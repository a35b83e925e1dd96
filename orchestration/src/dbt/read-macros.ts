import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DbtProjectError } from './dbt-errors.js';
import type { DbtMacro } from './dbt-types.js';

/**
 * dbt's own macros that a project overrides: the built-in runner applies the rule of
 * `generate_schema_name` itself (models land in exactly their `schema`), so that macro is not
 * called; one it would not apply is refused rather than silently ignored.
 * https://docs.getdbt.com/docs/build/custom-schemas, /custom-aliases, /custom-databases
 */
const APPLIED_BY_RUNNER = new Set(['generate_schema_name']);
const NOT_APPLIED = new Set(['generate_alias_name', 'generate_database_name']);

const MACRO_BLOCK = /\{%-?\s*macro\s+(\w+)\s*\(([^)]*)\)\s*-?%\}[\s\S]*?\{%-?\s*endmacro\s*-?%\}/g;

/**
 * The `{% macro %}` blocks of the `.sql` files under `macroPaths` (dbt's `macro-paths`, relative to
 * `root`), sorted by path, for the built-in runner to call from models and tests. dbt's own
 * `generate_schema_name` is left out (the runner applies its rule); other blocks in those files
 * (`{% test %}`, `{% materialization %}`) are not read. Nothing is checked against the Jinja subset
 * here: a macro is checked when a template calls it, so a project whose unused macros need dbt
 * still reads.
 *
 * @throws DbtProjectError naming the file for a macro defined twice, or an override of
 *   `generate_alias_name` / `generate_database_name`, which the built-in runner would not apply.
 */
export async function readMacros(root: string, macroPaths: readonly string[]): Promise<DbtMacro[]> {
  const macros = new Map<string, DbtMacro>();
  for (const mp of macroPaths) {
    const entries = await readdir(join(root, mp), { withFileTypes: true, recursive: true }).catch(() => []);
    const files = entries
      .filter((e) => e.isFile() && e.name.endsWith('.sql'))
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    for (const path of files) {
      const text = await readFile(join(root, path), 'utf8');
      for (const m of text.matchAll(MACRO_BLOCK)) {
        const name = m[1]!;
        if (APPLIED_BY_RUNNER.has(name)) continue;
        if (NOT_APPLIED.has(name))
          throw new DbtProjectError(
            `macro ${name} overrides dbt's, which Voyager's built-in runner does not apply; run the project with dbt only`,
            path,
          );
        const other = macros.get(name);
        if (other !== undefined)
          throw new DbtProjectError(`macro ${name} is also defined in ${other.path}`, path);
        const line = text.slice(0, m.index).split('\n').length;
        macros.set(name, { name, path, line, text: m[0] });
      }
    }
  }
  return [...macros.values()];
}
