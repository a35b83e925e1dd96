import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/dbt/builtin-runner.js';
import { dbtProfileEnv, findDbtExecutable, runDbtBuild } from '../../src/dbt/dbt-cli.js';
import { loadDbtAssets } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce } from '@voyager/orchestration/testing';
import { rawOrdersAsset, SAMPLE_PROJECT as PROJECT } from './sample-project.js';

// STAND-IN: real dbt runs in dbt-real.test.ts; this executable plays dbt's side of the contract
// (argv, JSON log lines, target/run_results.json, exit code) for what real dbt cannot be made to
// do on demand: a package test's hashed name, a model that fails after a passing test, a fixed log.
const FAKE_DBT = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const at = (flag) => args[args.indexOf(flag) + 1];
const model = at('--select');
fs.writeFileSync(process.env.FAKE_DBT_RECORD, JSON.stringify({ args, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VOYAGER_DBT_') || k === 'DBT_PROFILES_DIR')) }));
const failModel = process.env.FAKE_DBT_FAIL_MODEL === '1';
console.log(JSON.stringify({ info: { level: 'info', name: 'MainReportVersion', msg: 'Running with dbt=1.9.4' } }));
console.log(JSON.stringify({ info: { level: failModel ? 'error' : 'info', name: 'LogModelResult', msg: '1 of 2 OK created sql view model staging.' + model } }));
console.log('a line that is not JSON');
const test = (name, meta, column) => ({ name, resource_type: 'test', attached_node: 'model.shop.' + model, column_name: column, test_metadata: meta });
const nodes = {
  ['test.shop.unique_' + model + '_order_id.abc123']: test('unique_' + model + '_order_id', { name: 'unique', kwargs: { column_name: 'order_id' } }, 'order_id'),
  // a package's generic test: dbt hashes long names, Voyager names it from its metadata
  'test.shop.dbt_utils_expression_is_true_x.9f8e7d': test('dbt_utils_expression_is_true_x', { name: 'expression_is_true', namespace: 'dbt_utils', kwargs: { expression: 'amount_cents >= 0' } }, null),
};
fs.writeFileSync(path.join(at('--target-path'), 'manifest.json'), JSON.stringify({ nodes }));
fs.writeFileSync(path.join(at('--target-path'), 'run_results.json'), JSON.stringify({ results: [
  { unique_id: 'model.shop.' + model, status: failModel ? 'error' : 'success', message: failModel ? 'relation "raw_shop.orders" does not exist' : 'CREATE VIEW', adapter_response: { rows_affected: 0 } },
  { unique_id: 'test.shop.unique_' + model + '_order_id.abc123', status: 'fail', failures: 2, message: 'Got 2 results, configured to fail if != 0' },
  { unique_id: 'test.shop.dbt_utils_expression_is_true_x.9f8e7d', status: 'pass', failures: 0, message: null },
] }));
// dbt exits 1 when any node (here the failing test) failed
process.exit(1);
`;

let dir: string;
let fake: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voyager-fake-dbt-'));
  fake = join(dir, 'dbt');
  await writeFile(fake, FAKE_DBT);
  await chmod(fake, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(): { log: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

describe('finding dbt', () => {
  it('uses DBT_BIN, the project .tools dbt or dbt on PATH, the built-in runner when told, and fails when dbt is required but missing', async () => {
    expect(await findDbtExecutable({ DBT_BIN: fake })).toBe(fake);
    expect(await findDbtExecutable({ PATH: `/nonexistent:${dir}` })).toBe(fake);
    expect(await findDbtExecutable({ PATH: dir, VOYAGER_DBT_RUNNER: 'builtin' })).toBeUndefined();
    expect(await findDbtExecutable({ PATH: '/nonexistent' })).toBeUndefined();
    // the project's own dbt from npm run setup:python, before PATH; DBT_BIN still wins
    const root = join(dir, 'project');
    await mkdir(join(root, '.tools', 'dbt', 'bin'), { recursive: true });
    const pinned = join(root, '.tools', 'dbt', 'bin', 'dbt');
    await writeFile(pinned, FAKE_DBT);
    await chmod(pinned, 0o755);
    expect(await findDbtExecutable({ PATH: dir }, root)).toBe(pinned);
    expect(await findDbtExecutable({ PATH: '/nonexistent', DBT_BIN: fake }, root)).toBe(fake);
    expect(await findDbtExecutable({ PATH: '/nonexistent', VOYAGER_TOOLS_DIR: join(root, '.tools') })).toBe(
      pinned,
    );
    await expect(findDbtExecutable({ PATH: '/nonexistent', VOYAGER_DBT_RUNNER: 'dbt' })).rejects.toThrow(
      /no executable "dbt"/,
    );
  });

  it('derives the profile variables from the warehouse URL, keeping ones already set', () => {
    expect(
      dbtProfileEnv('postgres://voy%40ger:p%2Fss@db.example:6543/warehouse?sslmode=require', {
        VOYAGER_DBT_USER: 'override',
      }),
    ).toEqual({
      VOYAGER_DBT_HOST: 'db.example',
      VOYAGER_DBT_PORT: '6543',
      VOYAGER_DBT_USER: 'override',
      VOYAGER_DBT_PASSWORD: 'p/ss',
      VOYAGER_DBT_DBNAME: 'warehouse',
      VOYAGER_DBT_SSLMODE: 'require',
    });
  });
});

describe('runDbtBuild with a stand-in dbt executable', () => {
  const url = 'postgres://voyager:secret@127.0.0.1:5999/voyager';

  it('runs dbt build --select <model> against a dbt stand-in (a node script): passes the project, streams its log and reads run_results.json', async () => {
    const record = join(dir, 'record.json');
    const { log, lines } = capture();
    const metadata = await runDbtBuild({
      executable: fake,
      projectDir: PROJECT,
      model: 'stg_shop__orders',
      databaseUrl: url,
      env: { PATH: process.env.PATH, FAKE_DBT_RECORD: record, VOYAGER_DBT_FULL_REFRESH: 'true' },
      log,
      signal: new AbortController().signal,
    });
    // the test failed (exit 1) but the model built: the checks judge the tests
    expect(metadata).toMatchObject({
      runner: 'dbt',
      dbt_exit_code: 1,
      dbt_tests_run: 2,
      dbt_tests_failed: 1,
      dbt_tests: {
        unique_stg_shop__orders_order_id: { status: 'fail', failures: 2 },
        expression_is_true_stg_shop__orders: { status: 'pass', failures: 0 },
      },
    });
    const seen = JSON.parse(await readFile(record, 'utf8')) as {
      args: string[];
      env: Record<string, string>;
    };
    expect(seen.args.slice(0, 9)).toEqual([
      'build',
      '--select',
      'stg_shop__orders',
      '--indirect-selection',
      'cautious',
      '--project-dir',
      PROJECT,
      '--profiles-dir',
      PROJECT,
    ]);
    expect(seen.args).toContain('--full-refresh');
    expect(seen.env).toMatchObject({
      VOYAGER_DBT_HOST: '127.0.0.1',
      VOYAGER_DBT_PORT: '5999',
      VOYAGER_DBT_DBNAME: 'voyager',
      DBT_PROFILES_DIR: PROJECT,
    });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'Running with dbt=1.9.4',
        '1 of 2 OK created sql view model staging.stg_shop__orders',
        'a line that is not JSON',
      ]),
    );
    // the password goes to dbt's environment only, never into the log
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it("fails with dbt's message when the model itself did not build", async () => {
    const { log, lines } = capture();
    await expect(
      runDbtBuild({
        executable: fake,
        projectDir: PROJECT,
        model: 'stg_shop__orders',
        databaseUrl: url,
        env: { PATH: process.env.PATH, FAKE_DBT_RECORD: join(dir, 'r2.json'), FAKE_DBT_FAIL_MODEL: '1' },
        log,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(
      /dbt model stg_shop__orders: dbt build exited 1: relation "raw_shop.orders" does not exist/,
    );
    expect(lines.some((l) => l.level === 50)).toBe(true);
  });
});

describe('a dbt asset run by a stand-in dbt executable', () => {
  it("reports dbt's own test verdicts as the model's checks, and a failed blocking one fails the step", async () => {
    const runtime = await createTestRuntime({
      env: { DBT_BIN: fake, FAKE_DBT_RECORD: join(dir, 'r3.json') },
    });
    try {
      const raw = rawOrdersAsset();
      const { assets, project } = await loadDbtAssets({ projectDir: PROJECT, upstream: [raw] });
      const stg = assets.find((a) => a.key === 'staging/stg_shop__orders')!;
      await runAssetOnce(runtime, raw);
      // build the view (the stand-in builds nothing), so the checks dbt does not report can run their SQL
      const model = project.models.get('stg_shop__orders')!;
      await buildModel(project, model, {
        warehouse: runtime.warehouse,
        env: {},
        log: pino({ level: 'silent' }),
      });
      const outcome = await runAssetOnce(runtime, stg);
      expect(outcome.metadata).toMatchObject({ runner: 'dbt' });
      expect(outcome.checks.find((c) => c.name === 'unique_stg_shop__orders_order_id')).toMatchObject({
        status: 'failed',
        metadata: { failures: 2, runner: 'dbt' },
        description: expect.stringContaining('dbt says fail'),
      });
      expect(outcome.checks.find((c) => c.name === 'not_null_stg_shop__orders_order_id')).toMatchObject({
        status: 'success',
        metadata: { failures: 0, kind: 'not_null' },
      });
      expect(outcome).toMatchObject({ status: 'failed', blockedByCheck: true });
    } finally {
      await runtime.close();
    }
  });
});
