import type { JsonValue } from '../assets/json.js';

/** How a model is built: dbt's materializations supported by Voyager. */
export type DbtMaterialization = 'view' | 'table' | 'incremental' | 'ephemeral';

/** A column as documented in the model's `.yml`. */
export interface DbtColumn {
  readonly name: string;
  readonly description: string;
}

/** One model of the project (`models/<folder>/**\/<name>.sql`). */
export interface DbtModel {
  readonly name: string;
  /** Top folder under `models/` (`staging`, `marts`): the asset key prefix and group. */
  readonly folder: string;
  /** Path of the `.sql` file relative to the project dir. */
  readonly path: string;
  /** The SQL with its Jinja, as written. */
  readonly rawSql: string;
  readonly description: string;
  readonly columns: readonly DbtColumn[];
  /** Resolved config: dbt_project.yml folders, then the model's `.yml`, then `config()` in the SQL. */
  readonly config: Readonly<Record<string, JsonValue>>;
  readonly materialized: DbtMaterialization;
  /** Schema the relation lives in (`+schema`, as-is; see macros/generate_schema_name.sql); default: the target schema. */
  readonly schema: string | undefined;
  /** `unique_key` of an incremental model, as a column list (empty: append only). */
  readonly uniqueKey: readonly string[];
  /** Models this one `ref()`s. */
  readonly refs: readonly string[];
  /** `[source, table]` pairs this one reads through `source()`. */
  readonly sources: ReadonlyArray<readonly [string, string]>;
}

/** A table of a source in `sources.yml`. */
export interface DbtSourceTable {
  readonly sourceName: string;
  readonly name: string;
  readonly schema: string;
  readonly identifier: string;
  readonly description: string;
  /** Table `meta` over source `meta`; `voyager_asset` names the Voyager asset that fills it. */
  readonly meta: Readonly<Record<string, JsonValue>>;
  /** Column holding the load instant, for freshness. */
  readonly loadedAtField: string | undefined;
  /** `{ warn_after, error_after }` with `{ count, period }`, when set. */
  readonly freshness: Readonly<Record<string, JsonValue>> | undefined;
  /** Path of the yml file relative to the project dir. */
  readonly path: string;
}

/** A relation a test reads: a model or a source table. */
export type DbtRelationRef =
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'source'; readonly source: string; readonly table: string };

/** A dbt data test: generic (from a `.yml`) or singular (`tests/*.sql`). */
export interface DbtTest {
  /** snake_case, unique per model: `unique_fct_activities_activity_id`; the check name. */
  readonly name: string;
  /** `unique`, `not_null`, `accepted_values`, `relationships`, `singular`, or another generic test's name. */
  readonly kind: string;
  /**
   * The model it tests (it becomes a check of that model's asset). For a source test: the model
   * whose step runs it, the first model (by name) reading the source table.
   */
  readonly model: string;
  /** For a test declared on a source table (`sources:` in a `.yml`): that table. */
  readonly source?: { readonly source: string; readonly table: string };
  readonly column: string | undefined;
  /** The generic test's arguments (`values`, `to`, `field`, `quote`...). */
  readonly args: Readonly<Record<string, JsonValue>>;
  /** Test config (`severity`, `where`). */
  readonly config: Readonly<Record<string, JsonValue>>;
  readonly severity: 'error' | 'warn';
  /** Other relations the test reads (relationships' `to`, a singular test's other refs). */
  readonly reads: readonly DbtRelationRef[];
  /** Where it is declared, relative to the project dir. */
  readonly path: string;
  /** The SQL of a singular test, with its Jinja. */
  readonly rawSql?: string;
}

/** A macro of the project (`macros/**\/*.sql`), as the built-in runner calls it. */
export interface DbtMacro {
  readonly name: string;
  /** The file defining it, relative to the project dir. */
  readonly path: string;
  /** 1-based line of its `{% macro %}` tag in that file. */
  readonly line: number;
  /** The whole `{% macro name(...) %} ... {% endmacro %}` block, as written. */
  readonly text: string;
}

/** A parsed dbt project. */
export interface DbtProject {
  /** Absolute path of the project dir (holding dbt_project.yml). */
  readonly dir: string;
  readonly name: string;
  readonly models: ReadonlyMap<string, DbtModel>;
  readonly sources: readonly DbtSourceTable[];
  readonly tests: readonly DbtTest[];
  /** `vars:` of dbt_project.yml. */
  readonly vars: Readonly<Record<string, JsonValue>>;
  /** The project's own macros (dbt's `generate_schema_name` override left out: the runner applies its rule). */
  readonly macros: readonly DbtMacro[];
}
