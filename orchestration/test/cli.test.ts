import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@voyager/orchestration/testing';

const bin = fileURLToPath(new URL('../bin/voyager.js', import.meta.url));
const project = fileURLToPath(new URL('./fixtures/cli-project', import.meta.url));
let home: string;
let port: string;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function voyager(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const { VOYAGER_DATABASE_URL: _a, VOYAGER_LANDING_URL: _b, ...base } = process.env;
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: project,
      env: { ...base, CI: '1', VOYAGER_HOME: home, VOYAGER_PG_PORT: port, VOYAGER_LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-cli-'));
  await chmod(home, 0o755);
  port = String(await freePort());
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('voyager CLI', () => {
  it('--help lists the core variables and what the images declare, naming no source of its own', async () => {
    const help = await voyager(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}VOYAGER_DATABASE_URL +Warehouse and run storage/m);
    expect(help.stdout).toContain('image fixture:');
    expect(help.stdout).toMatch(/^ {2}FIXTURE_\* +forwarded to its containers$/m);
    expect(help.stdout).toMatch(
      /^ {2}FIXTURE_API_KEY +API key of the fixture source \(secret; SSM \/voyager\/<env>\/fixture\/api_key\)$/m,
    );
    expect(help.stdout).not.toContain('STRAVA');
  });

  it('lists assets and prints the graph as JSON and Mermaid', async () => {
    const list = await voyager(['list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { key: string }[]).map((a) => a.key).sort()).toEqual([
      'landing/fixture/numbers',
      'landing/fixture/slow',
      'raw/fixture_after_slow',
      'raw/fixture_numbers',
    ]);
    const graph = await voyager(['graph', '--format', 'json']);
    const graphAssets = (JSON.parse(graph.stdout) as { assets: { key: string }[] }).assets;
    expect(graphAssets.find((a) => a.key === 'raw/fixture_numbers')).toMatchObject({
      key: 'raw/fixture_numbers',
      deps: ['landing/fixture/numbers'],
      partitions: { kind: 'daily' },
    });
    const mermaid = await voyager(['graph']);
    expect(mermaid.stdout).toContain('landing__fixture__numbers --> raw__fixture_numbers');
  });

  it('exits 2 on usage and configuration errors, naming what was wrong', async () => {
    const unknown = await voyager(['materialize', '--select', 'raw/nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown asset raw/nope');
    expect((await voyager(['materialize', '--concurrency', '0'])).code).toBe(2);
    expect((await voyager(['no-such-command'])).code).toBe(2);
    const badUrl = await voyager(['status'], { VOYAGER_DATABASE_URL: 'mysql://nope' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('VOYAGER_DATABASE_URL: must be a postgres://');
    const badPartition = await voyager(['materialize', '--partition', '2026-02-30']);
    expect(badPartition.code).toBe(2);
  });

  it('exits 1 when an asset fails and reports downstream as skipped', async () => {
    const failed = await voyager(['materialize', '--partition', '2026-03-01', '--json'], {
      FIXTURE_FAIL: '1',
    });
    expect(failed.code).toBe(1);
    const result = JSON.parse(failed.stdout) as {
      status: string;
      outcomes: { assetKey: string; status: string }[];
    };
    expect(result.status).toBe('failed');
    expect(Object.fromEntries(result.outcomes.map((o) => [o.assetKey, o.status]))).toMatchObject({
      'landing/fixture/numbers': 'failed',
      'raw/fixture_numbers': 'skipped',
      'landing/fixture/slow': 'success',
    });
  });

  it('materializes, then answers sql and status with JSON from the same embedded warehouse', async () => {
    // [from, to): --to is not run, and a range that is empty is refused with one line
    const empty = await voyager(['materialize', '--from', '2026-03-04', '--to', '2026-03-04', '--json']);
    expect(empty.code).toBe(2);
    expect(
      empty.stderr
        .trim()
        .split('\n')
        .filter((l) => l.includes('--to')),
    ).toEqual([
      expect.stringContaining('--to 2026-03-04 must be after --from 2026-03-04 (the range is [from, to)'),
    ]);
    const ok = await voyager(['materialize', '--from', '2026-03-01', '--to', '2026-03-04', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { outcomes: unknown[] }).outcomes).toHaveLength(6);
    const sql = await voyager([
      'sql',
      'select count(*) as n, sum(n) as total from raw.fixture_numbers',
      '--json',
    ]);
    expect(sql.code).toBe(0);
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 15, total: 45 }]);
    const status = await voyager(['status', '--json']);
    const parsed = JSON.parse(status.stdout) as {
      assets: { assetKey: string; partitionKey: string | null; status: string }[];
      runs: { status: string }[];
    };
    expect(
      parsed.assets
        .filter((a) => a.assetKey === 'raw/fixture_numbers' && a.status === 'success')
        .map((a) => a.partitionKey),
    ).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(parsed.runs.map((r) => r.status)).toEqual(['success', 'failed']);
    const badSql = await voyager(['sql', 'select * from no_such_table']);
    expect(badSql.code).toBe(2);
    expect(badSql.stderr).toContain('no_such_table');
  });

  it('runs each step through its container command with --isolation process', async () => {
    const res = await voyager([
      'materialize',
      '--select',
      '+raw/fixture_numbers',
      '--isolation',
      'process',
      '--partition',
      '2026-03-04',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout) as { outcomes: { status: string; metadata: { pid?: number } }[] };
    expect(result.outcomes.map((o) => o.status)).toEqual(['success', 'success']);
    const pids = result.outcomes.map((o) => o.metadata.pid);
    expect(new Set(pids).size).toBe(2);
    const sql = await voyager([
      'sql',
      "select count(*) as n from raw.fixture_numbers where day = '2026-03-04'",
      '--json',
    ]);
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 5 }]);
  });
});

describe('voyager materialize and Ctrl-C', () => {
  it('cancels on SIGINT: the running step stops, downstream is canceled, the run is recorded canceled, exit 130', async () => {
    // the launcher leaves SIGINT to the process group; here the CLI process itself gets the signal
    const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    const { VOYAGER_DATABASE_URL: _a, VOYAGER_LANDING_URL: _b, ...base } = process.env;
    const child = spawn(
      process.execPath,
      [
        '--conditions=voyager-source',
        '--import',
        'tsx',
        cli,
        'materialize',
        '--select',
        'landing/fixture/slow+',
        '--json',
      ],
      {
        cwd: project,
        env: {
          ...base,
          CI: '1',
          VOYAGER_HOME: home,
          VOYAGER_PG_PORT: port,
          VOYAGER_LOG_LEVEL: 'info',
          FIXTURE_SLEEP_MS: '60000',
        },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      if (d.toString().includes('step started')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const result = JSON.parse(stdout) as { runId: string; status: string; outcomes: { status: string }[] };
    expect(result.status).toBe('canceled');
    expect(result.outcomes.map((o) => o.status)).toEqual(['canceled', 'canceled']);
    const status = JSON.parse((await voyager(['status', '--json'])).stdout) as {
      runs: { runId: string; status: string }[];
    };
    expect(status.runs.find((r) => r.runId === result.runId)?.status).toBe('canceled');
  });
});

describe('container entry point (runAssetMain) exit codes', () => {
  const entry = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const { VOYAGER_DATABASE_URL: _a, VOYAGER_LANDING_URL: _b, ...base } = process.env;
      const child = spawn(
        process.execPath,
        [
          '--conditions=voyager-source',
          '--import',
          'tsx',
          'main.ts',
          'materialize',
          'landing/fixture/slow',
          '--run-id',
          'r1',
        ],
        { cwd: project, env: { ...base, VOYAGER_HOME: home, VOYAGER_LOG_LEVEL: 'error', ...env } },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('exits 1 (retryable by the launcher) when the database is unreachable, 2 for a malformed setting', async () => {
    const closedPort = await freePort();
    const down = await entry({ VOYAGER_DATABASE_URL: `postgres://u:p@127.0.0.1:${closedPort}/db` });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot open the runtime');
    expect(down.stderr).not.toContain('u:p@');
    const malformed = await entry({ VOYAGER_DATABASE_URL: 'mysql://nope' });
    expect(malformed.code).toBe(2);
    const unknown = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--conditions=voyager-source', '--import', 'tsx', 'main.ts', 'materialize', 'raw/nope'],
        {
          cwd: project,
          env: { ...process.env, VOYAGER_LOG_LEVEL: 'silent' },
        },
      );
      child.on('close', resolve);
    });
    expect(unknown).toBe(2);
  });
});
