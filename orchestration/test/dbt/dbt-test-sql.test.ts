import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/context/logger.js';
import { dbtTestCheck } from '../../src/dbt/dbt-checks.js';
import { DbtProjectError } from '../../src/dbt/dbt-errors.js';
import { readDbtProject } from '../../src/dbt/read-dbt-project.js';
import { testSql } from '../../src/dbt/test-sql.js';
import { type CheckContext } from '@voyager/orchestration';
import { type DbtProject, type DbtTest } from '../../src/dbt/dbt-types.js';

let dir: string;
let project: DbtProject;

const files: Record<string, string> = {
  'dbt_project.yml': `name: shop\nmodels:\n  shop:\n    +materialized: view\n`,
  'models/orders.sql': `select 1 as id, 'a' as status`,
  'models/lines.sql': `select 1 as order_id`,
  'models/orders.yml': `version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: status\n        data_tests:\n          - accepted_values:\n              values: ['a', 'b']\n  - name: lines\n    columns:\n      - name: order_id\n        data_tests:\n          - relationships:\n              to: ref('orders')\n              field: id\n`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voyager-dbt-test-sql-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  project = await readDbtProject(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const testOfKind = (kind: string): DbtTest => project.tests.find((t) => t.kind === kind)!;

describe('testSql on incomplete generic tests', () => {
  it('refuses an accepted_values test without values, naming it, instead of `not in ()`', () => {
    const test = { ...testOfKind('accepted_values'), args: { values: [] } };
    expect(() => testSql(test, project, 'public', {})).toThrow(DbtProjectError);
    expect(() => testSql(test, project, 'public', {})).toThrow(
      'models/orders.yml: accepted_values test accepted_values_orders_status lists no values',
    );
  });

  it('refuses a relationships test without `to`, naming it, instead of `from ` with nothing', () => {
    const test = { ...testOfKind('relationships'), reads: [] };
    expect(() => testSql(test, project, 'public', {})).toThrow(
      /models\/orders\.yml: relationships test relationships_lines_order_id__id__orders has no to:/,
    );
  });

  it('still renders the complete ones', () => {
    expect(testSql(testOfKind('accepted_values'), project, 'public', {})).toContain("not in ('a', 'b')");
  });
});

describe('a dbt test check', () => {
  it("reads the target schema from the run's environment (ctx.env), not process.env", async () => {
    expect(process.env.VOYAGER_DBT_SCHEMA).toBeUndefined();
    const queries: string[] = [];
    const warehouse = {
      query: async (sql: string) => {
        queries.push(sql);
        return { rows: [{ failures: '0' }] };
      },
    } as unknown as Pool;
    const ctx: CheckContext = {
      assetKey: 'orders',
      partition: undefined,
      runId: 'r1',
      log: createLogger({ level: 'silent', pretty: false }),
      warehouse,
      landing: undefined as unknown as CheckContext['landing'],
      materialization: {},
      signal: new AbortController().signal,
      projectDir: dir,
      env: { VOYAGER_DBT_SCHEMA: 'analytics_ci' },
    };
    const check = dbtTestCheck(testOfKind('accepted_values'), project);
    expect(await check.evaluate(ctx)).toMatchObject({ passed: true });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('"analytics_ci"');
    expect(queries[0]).not.toContain('"public"');
  });
});
