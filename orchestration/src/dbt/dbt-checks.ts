import { check, type AssetCheckDefinition, type CheckResult } from '../assets/check.js';
import type { JsonValue } from '../assets/json.js';
import { targetSchemaOf } from './builtin-runner.js';
import type { DbtTestOutcome } from './dbt-results.js';
import type { DbtProject, DbtSourceTable, DbtTest } from './dbt-types.js';
import { quoteIdent, Relation } from './relation.js';
import { testSql } from './test-sql.js';

/** What a test reads, for its description: `unique(activity_id)`. */
function describe(test: DbtTest): string {
  if (test.kind === 'singular') return `dbt singular test ${test.path}: returns no rows`;
  const args =
    test.kind === 'accepted_values'
      ? ` in ${JSON.stringify(test.args.values)}`
      : test.kind === 'relationships'
        ? ` -> ${String(test.args.to)}.${String(test.args.field)}`
        : '';
  const on = test.source ? `source ${test.source.source}.${test.source.table}` : test.model;
  return `dbt test ${test.kind}(${test.column ?? ''})${args} on ${on}`;
}

/** The outcome real dbt reported for `name` in a materialization's `dbt_tests`, if any. */
function dbtOutcome(results: JsonValue | undefined, name: string): DbtTestOutcome | undefined {
  if (typeof results !== 'object' || results === null || Array.isArray(results)) return undefined;
  const r = results[name];
  if (typeof r !== 'object' || r === null || Array.isArray(r) || typeof r.status !== 'string')
    return undefined;
  return {
    status: r.status,
    failures: typeof r.failures === 'number' ? r.failures : null,
    message: typeof r.message === 'string' ? r.message : null,
  };
}

/**
 * A dbt test as an asset check of its model: after real dbt, dbt's own verdict (from the
 * materialization's `dbt_tests`); otherwise the test's query (failing rows) counted in the
 * warehouse. Blocking when its severity is `error`; `warn` tests never stop anything.
 * Metadata: `failures` (rows returned) and the test `kind`.
 */
export function dbtTestCheck(test: DbtTest, project: DbtProject): AssetCheckDefinition {
  return check({
    name: test.name,
    description: describe(test),
    blocking: test.severity === 'error',
    async evaluate(ctx): Promise<CheckResult> {
      const fromDbt = dbtOutcome(ctx.materialization.dbt_tests, test.name);
      if (fromDbt !== undefined) {
        // real dbt ran the test in `dbt build`: report its verdict rather than running it again
        const passed = fromDbt.status === 'pass';
        return {
          passed,
          severity: test.severity,
          description: `${describe(test)}: dbt says ${fromDbt.status}${fromDbt.message ? ` (${fromDbt.message})` : ''}`,
          metadata: { failures: fromDbt.failures, kind: test.kind, runner: 'dbt' },
        };
      }
      // the materialization records the target schema it built in (models without a `schema` config)
      const schema = ctx.materialization.target_schema;
      const sql = testSql(
        test,
        project,
        typeof schema === 'string' ? schema : targetSchemaOf(ctx.env),
        ctx.env,
      );
      const r = await ctx.warehouse.query<{ failures: string }>(
        `select count(*) as failures from (\n${sql}\n) as dbt_test`,
      );
      const failures = Number(r.rows[0]!.failures);
      return {
        passed: failures === 0,
        severity: test.severity,
        description:
          failures === 0 ? `${describe(test)}: passed` : `${describe(test)}: ${failures} failing row(s)`,
        metadata: { failures, kind: test.kind },
      };
    },
  });
}

const PERIOD_S: Record<string, number> = { minute: 60, hour: 3600, day: 86_400 };

function thresholdSeconds(value: JsonValue | undefined): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const count = Number(value.count);
  const period = PERIOD_S[String(value.period)];
  return Number.isFinite(count) && period !== undefined ? count * period : undefined;
}

/**
 * dbt source freshness as a non-blocking check of the model reading the source: the age of
 * `max(loaded_at_field)` against `warn_after` / `error_after` (severity `error` past the latter).
 * An empty source fails. Metadata: `age_s` (seconds), `loaded_at_max` (ISO).
 */
export function sourceFreshnessCheck(table: DbtSourceTable): AssetCheckDefinition | undefined {
  if (table.loadedAtField === undefined || table.freshness === undefined) return undefined;
  const warnS = thresholdSeconds(table.freshness.warn_after);
  const errorS = thresholdSeconds(table.freshness.error_after);
  if (warnS === undefined && errorS === undefined) return undefined;
  const relation = new Relation(table.schema, table.identifier);
  return check({
    name: `source_freshness_${table.sourceName}_${table.name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'),
    description: `source ${table.sourceName}.${table.name} loaded within ${warnS ?? errorS} s (${table.loadedAtField})`,
    blocking: false,
    async evaluate(ctx): Promise<CheckResult> {
      const r = await ctx.warehouse.query<{ latest: Date | null }>(
        `select max(${quoteIdent(table.loadedAtField!)}) as latest from ${String(relation)}`,
      );
      const latest = r.rows[0]?.latest ?? null;
      if (latest === null)
        return {
          passed: false,
          severity: 'warn',
          description: `${String(relation)} is empty`,
          metadata: { age_s: null },
        };
      const ageS = Math.round((Date.now() - new Date(latest).getTime()) / 1000);
      const tooOld = (limit: number | undefined) => limit !== undefined && ageS > limit;
      return {
        passed: !tooOld(warnS) && !tooOld(errorS),
        severity: tooOld(errorS) ? 'error' : 'warn',
        description: `${String(relation)} last loaded ${ageS} s ago`,
        metadata: { age_s: ageS, loaded_at_max: new Date(latest).toISOString() },
      };
    },
  });
}
