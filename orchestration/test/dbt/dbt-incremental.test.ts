import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/dbt/builtin-runner.js';
import { createLogger } from '../../src/context/logger.js';
import { DbtProjectError, UnsupportedJinjaError } from '../../src/dbt/dbt-errors.js';
import { readDbtProject } from '../../src/dbt/read-dbt-project.js';
import { type DbtProject } from '../../src/dbt/dbt-types.js';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

/**
 * The built-in runner's incremental strategies on a real Postgres: each model reads
 * `public.points` (activity, point), which the tests rewrite between builds.
 */
const model = (config: string): string =>
  `{{ config(materialized='incremental'${config}) }}\nselect activity_id, point from public.points\n{% if is_incremental() %}where activity_id in (select activity_id from public.changed){% endif %}`;
const files: Record<string, string> = {
  'dbt_project.yml': `name: inc\nmodels:\n  inc:\n    +schema: inc\n`,
  'models/by_activity.sql': model(`, incremental_strategy='delete+insert', unique_key='activity_id'`),
  'models/appended.sql': model(`, incremental_strategy='append', unique_key='activity_id'`),
  'models/unknown.sql': model(`, incremental_strategy='microbatch'`),
  'models/keyless.sql': model(`, incremental_strategy='delete+insert'`),
  'models/hooked.sql': model(
    `, unique_key='activity_id', post_hook="delete from {{ this }} where activity_id in (select activity_id from public.gone)"`,
  ),
  'models/pre_hooked.sql': model(`, pre_hook="select 1"`),
  'models/indexed.sql': model(
    `, unique_key='activity_id', indexes=[{'columns': ['activity_id']}, {'columns': ['activity_id', 'point'], 'unique': true}]`,
  ),
  'models/bad_index.sql': model(`, indexes=[{'columns': ['point'], 'where': 'point > 1'}]`),
};

let dir: string;
let project: DbtProject;
let runtime: TestRuntime;
const log = createLogger({ level: 'silent', pretty: false });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voyager-dbt-incremental-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  project = await readDbtProject(dir);
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
  await runtime.warehouse.query(
    `create table public.points (activity_id int, point int);
     insert into public.points values (1, 1), (1, 2), (1, 3), (2, 1);
     create table public.changed (activity_id int);
     create table public.gone (activity_id int)`,
  );
});
afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

const build = (name: string) =>
  buildModel(project, project.models.get(name)!, { warehouse: runtime.warehouse, env: {}, log });
const rows = async (name: string): Promise<string[]> =>
  (
    await runtime.warehouse.query<{ r: string }>(
      `select activity_id || ':' || point as r from "inc"."${name}" order by 1`,
    )
  ).rows.map((r) => r.r);

/** Activity 1 reloaded with one point instead of three. */
async function reloadActivityOneWithFewerPoints(): Promise<void> {
  await runtime.warehouse.query(
    `delete from public.points where activity_id = 1; insert into public.points values (1, 9);
     truncate public.changed; insert into public.changed values (1)`,
  );
}

describe('incremental strategies of the built-in runner', () => {
  it('delete+insert by a non-unique key replaces every row of the keys in the batch', async () => {
    await build('by_activity');
    await build('appended');
    expect(await rows('by_activity')).toEqual(['1:1', '1:2', '1:3', '2:1']);
    await reloadActivityOneWithFewerPoints();
    // the statements' own counts: activity 1's three rows out, its one row in; no count(*)
    const merged = await build('by_activity');
    expect(merged).toMatchObject({ mode: 'incremental', rows_merged: 1, rows_deleted: 3 });
    expect(merged.rows).toBeUndefined();
    expect(await rows('by_activity')).toEqual(['1:9', '2:1']);
  });

  it('append only inserts', async () => {
    await build('appended');
    expect(await rows('appended')).toEqual(['1:1', '1:2', '1:3', '1:9', '2:1']);
  });

  it('runs a post_hook after a full and after an incremental build, rendered like the model', async () => {
    await runtime.warehouse.query('insert into public.gone values (2)');
    expect(await build('hooked')).toMatchObject({ mode: 'full', rows: 1 });
    expect(await rows('hooked')).toEqual(['1:9']);
    // the batch holds activity 3 only; the hook deletes activity 1, gone since
    await runtime.warehouse.query(
      `insert into public.points values (3, 1); truncate public.changed; insert into public.changed values (3);
       insert into public.gone values (1)`,
    );
    expect(await build('hooked')).toMatchObject({ mode: 'incremental', rows_merged: 1, rows_deleted: 1 });
    expect(await rows('hooked')).toEqual(['3:1']);
    await runtime.warehouse.query('delete from public.points where activity_id = 3; truncate public.gone');
  });

  it('creates the indexes of the config after a full build, as dbt-postgres, and keeps them on merges', async () => {
    const indexes = async (): Promise<string[]> =>
      (
        await runtime.warehouse.query<{ d: string }>(
          `select regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') as d from pg_indexes
           where schemaname = 'inc' and tablename = 'indexed' order by 1`,
        )
      ).rows.map((r) => r.d);
    const expected = [
      'CREATE INDEX ON inc.indexed USING btree (activity_id)',
      'CREATE UNIQUE INDEX ON inc.indexed USING btree (activity_id, point)',
    ];
    await build('indexed');
    expect(await indexes()).toEqual(expected);
    await build('indexed'); // incremental: the table and its indexes stay
    expect(await indexes()).toEqual(expected);
    await buildModel(project, project.models.get('indexed')!, {
      warehouse: runtime.warehouse,
      env: {},
      log,
      fullRefresh: true,
    });
    expect(await indexes()).toEqual(expected); // the swapped-out table's names are free again
  });

  it('refuses an index config it would not apply as dbt-postgres does', async () => {
    await expect(build('bad_index')).rejects.toThrow(/bad_index\.sql:1: config indexes: unknown key where/);
  });

  it('refuses a pre_hook, which it does not run', async () => {
    await expect(build('pre_hooked')).rejects.toThrow(
      /pre_hooked\.sql:1: config pre_hook="select 1".*install dbt-core/,
    );
  });

  it('refuses a strategy it does not know, and delete+insert without a unique_key', async () => {
    await build('unknown'); // the first build is a plain table
    await expect(build('unknown')).rejects.toThrow(UnsupportedJinjaError);
    await expect(build('unknown')).rejects.toThrow(/incremental_strategy="microbatch".*install dbt-core/);
    await build('keyless');
    await expect(build('keyless')).rejects.toThrow(DbtProjectError);
    await expect(build('keyless')).rejects.toThrow(
      /keyless\.sql: incremental_strategy 'delete\+insert' needs a unique_key/,
    );
  });
});
