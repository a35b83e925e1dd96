import type { JsonValue } from '../assets/json.js';
import { DbtProjectError, UnsupportedJinjaError } from './dbt-errors.js';
import type { DbtProject, DbtTest } from './dbt-types.js';
import { quoteIdent, resolveRelation } from './relation.js';
import { renderTemplate } from './render.js';
import { assertBuiltinTestConfig } from './builtin-limits.js';

const literal = (v: JsonValue): string =>
  typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replaceAll("'", "''")}'`;

/**
 * The SQL of a dbt test: a query returning the failing rows, as dbt's own implementations of
 * `unique`, `not_null`, `accepted_values` and `relationships`
 * (https://github.com/dbt-labs/dbt-adapters/tree/main/dbt-adapters/src/dbt/include/global_project/macros/generic_test_sql),
 * or a singular test's rendered SQL. A test's `where` config filters the model first, as in dbt.
 *
 * @throws UnsupportedJinjaError for another generic test (a package's or a custom one), or a test
 *   config the check would not apply (`store_failures`, `limit`...): real dbt runs those.
 * @throws DbtProjectError naming the test for an `accepted_values` test without values or a
 *   `relationships` test without `to`.
 */
export function testSql(
  test: DbtTest,
  project: DbtProject,
  targetSchema: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  assertBuiltinTestConfig(test);
  if (test.kind === 'singular') {
    return renderTemplate(test.rawSql ?? '', test.path, {
      project,
      self: undefined,
      isIncremental: false,
      env,
      targetSchema,
    });
  }
  const tested = test.source
    ? ({ kind: 'source', ...test.source } as const)
    : ({ kind: 'ref', name: test.model } as const);
  const relation = resolveRelation(project, tested, targetSchema);
  const where = typeof test.config.where === 'string' ? test.config.where : undefined;
  const model =
    where === undefined
      ? String(relation)
      : `(select * from ${String(relation)} where ${where}) as dbt_subquery`;
  // a column name may be an expression (model-level tests: `column_name: "(a || '-' || b)"`)
  const column =
    test.column === undefined ? '' : /^\w+$/.test(test.column) ? quoteIdent(test.column) : test.column;
  switch (test.kind) {
    case 'unique':
      return `select ${column} as unique_field, count(*) as n_records from ${model} where ${column} is not null group by ${column} having count(*) > 1`;
    case 'not_null':
      return `select ${column} from ${model} where ${column} is null`;
    case 'accepted_values': {
      const values = Array.isArray(test.args.values) ? test.args.values : [];
      // `not in ()` is a syntax error in Postgres; an empty list is a mistake in the yml anyway
      if (values.length === 0)
        throw new DbtProjectError(`accepted_values test ${test.name} lists no values`, test.path);
      const quote = test.args.quote !== false;
      const list = values.map((v) => (quote ? literal(String(v)) : String(v))).join(', ');
      return `with all_values as (select ${column} as value_field, count(*) as n_records from ${model} group by ${column}) select * from all_values where value_field not in (${list})`;
    }
    case 'relationships': {
      const to = test.reads[0];
      if (to === undefined) {
        throw new DbtProjectError(
          `relationships test ${test.name} has no to: ref('model') or source('s', 't')`,
          test.path,
        );
      }
      const parent = String(resolveRelation(project, to, targetSchema));
      const field = quoteIdent(String(test.args.field ?? 'id'));
      return `with child as (select ${column} as from_field from ${model} where ${column} is not null), parent as (select ${field} as to_field from ${parent}) select from_field from child left join parent on child.from_field = parent.to_field where parent.to_field is null`;
    }
    default:
      throw new UnsupportedJinjaError(test.path, 1, `generic test "${test.kind}"`);
  }
}
