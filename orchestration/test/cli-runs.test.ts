import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@voyager/orchestration/testing';

// Runs you can trust (issue 12, points 1-3): the real launcher in its own process group, as a
// terminal runs it, real signals to the whole group, the real embedded Postgres.
const bin = fileURLToPath(new URL('../bin/voyager.js', import.meta.url));
const project = fileURLToPath(new URL('./fixtures/cli-project', import.meta.url));
let home: string;
let port: string;

interface Started {
  readonly child: ChildProcess;
  out(): { stdout: string; stderr: string };
  /** Resolves once stderr contains `text`. */
  waitFor(text: string): Promise<void>;
  exit: Promise<number | null>;
}

/** Starts `voyager` as a terminal would: the launcher leads a new process group (`detached`). */
function start(args: string[], env: Record<string, string> = {}): Started {
  const { VOYAGER_DATABASE_URL: _a, VOYAGER_LANDING_URL: _b, ...base } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: project,
    detached: true,
    env: { ...base, CI: '1', VOYAGER_HOME: home, VOYAGER_PG_PORT: port, VOYAGER_LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiters.filter((w) => stderr.includes(w.text))) w.resolve();
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    out: () => ({ stdout, stderr }),
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void exit.then(() => reject(new Error(`exited before "${text}":\n${stderr}`)));
      }),
    exit,
  };
}

async function run(args: string[], env: Record<string, string> = {}) {
  const s = start(args, { VOYAGER_LOG_LEVEL: 'warn', ...env });
  const code = await s.exit;
  return { code, ...s.out() };
}

/** Pid of the live server on the test home's data directory, if any. */
function serverPid(): number | undefined {
  const file = join(home, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function runsById(): Promise<Map<string, { status: string; error: string | null }>> {
  const status = await run(['status', '--json']);
  expect(status.code).toBe(0);
  const parsed = JSON.parse(status.stdout) as {
    runs: { runId: string; status: string; error: string | null }[];
  };
  return new Map(parsed.runs.map((r) => [r.runId, r]));
}

const NOISE = /terminating connection|ECONNREFUSED|Cannot use a pool|CopyStreamQuery|Unhandled/;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-runs-'));
  await chmod(home, 0o755);
  port = String(await freePort());
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('Ctrl-C in a terminal (SIGINT to the whole process group)', () => {
  for (const moment of ['run started', 'step started']) {
    it(`cancels cleanly at "${moment}": exit 130, the canceled table, run recorded canceled, server stopped after`, async () => {
      const cli = start(['materialize', '--select', 'landing/fixture/slow+'], { FIXTURE_SLEEP_MS: '60000' });
      await cli.waitFor(moment);
      process.kill(-cli.child.pid!, 'SIGINT');
      const code = await cli.exit;
      const { stdout, stderr } = cli.out();
      expect(stderr).not.toMatch(NOISE);
      expect(code).toBe(130);
      expect(stdout).toMatch(/landing\/fixture\/slow\s+│ ■ canceled/);
      const runId = /run (\S+): canceled/.exec(stdout)?.[1];
      expect(runId).toBeDefined();
      expect(serverPid()).toBeUndefined();
      expect((await runsById()).get(runId!)?.status).toBe('canceled');
    });
  }
});

describe('two runs at once on one VOYAGER_HOME', () => {
  it('refuses the second run with exit 2, while sql and status keep working and never stop the server', async () => {
    const first = start(['materialize', '--select', 'landing/fixture/slow+', '--json'], {
      FIXTURE_SLEEP_MS: '60000',
    });
    await first.waitFor('step started');
    const second = await run(['materialize', '--select', 'landing/fixture/slow']);
    expect(second.code).toBe(2);
    const firstRun = /"runId":"([^"]+)"/.exec(first.out().stderr)?.[1];
    expect(second.stderr).toMatch(
      new RegExp(`run ${firstRun} is in progress \\(pid \\d+, started 20\\d\\d-`),
    );
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    const sql = await run(['sql', 'select 1 as one', '--json']);
    expect(sql.code).toBe(0);
    expect(JSON.parse(sql.stdout)).toEqual([{ one: 1 }]);
    const status = await run(['status', '--json']);
    expect(status.code).toBe(0);
    // the run still goes on, on the same server: it is canceled and recorded as such
    expect(serverPid()).toBeDefined();
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await first.exit).toBe(130);
    const result = JSON.parse(first.out().stdout) as { runId: string; status: string };
    expect(result.status).toBe('canceled');
    expect(first.out().stderr).not.toMatch(NOISE);
    expect((await runsById()).get(result.runId)?.status).toBe('canceled');
    expect(serverPid()).toBeUndefined();
  });
});

describe('crash leftovers', () => {
  it('after SIGKILL, the next start marks the run failed (process gone) and stops the orphaned server', async () => {
    const cli = start(['materialize', '--select', 'landing/fixture/slow', '--json'], {
      FIXTURE_SLEEP_MS: '60000',
    });
    await cli.waitFor('step started');
    const runId = /"runId":"([^"]+)"/.exec(cli.out().stderr)?.[1];
    process.kill(-cli.child.pid!, 'SIGKILL');
    await cli.exit;
    const orphan = serverPid();
    expect(orphan).toBeDefined();
    const runs = await runsById();
    expect(runs.get(runId!)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('process gone'),
    });
    expect(serverPid()).toBeUndefined();
    const next = await run(['materialize', '--select', 'landing/fixture/slow', '--json']);
    expect(next.code).toBe(0);
  });
});

describe('clear errors before any step (exit 2, one line naming the variable)', () => {
  it('names VOYAGER_DATABASE_URL for a server on a closed port, without its password', async () => {
    const closed = await freePort();
    const res = await run(['materialize', '--select', 'landing/fixture/slow'], {
      VOYAGER_DATABASE_URL: `postgres://u:secret@127.0.0.1:${closed}/db`,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /VOYAGER_DATABASE_URL: cannot connect to 127\.0\.0\.1:\d+\/db \(connection refused/,
    );
    expect(res.stderr).not.toContain('secret');
    expect(res.stderr).not.toContain('step started');
  });

  it('names VOYAGER_LOG_LEVEL and VOYAGER_LANDING_URL, creating no folder', async () => {
    const loud = await run(['status'], { VOYAGER_LOG_LEVEL: 'loud' });
    expect(loud.code).toBe(2);
    expect(loud.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^VOYAGER_LOG_LEVEL: .*"silent"/)]);
    const ftp = await run(['materialize', '--select', 'landing/fixture/slow'], {
      VOYAGER_LANDING_URL: 'ftp://x',
    });
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('VOYAGER_LANDING_URL: must be s3://bucket/prefix or a folder path');
    expect(existsSync(join(project, 'ftp:'))).toBe(false);
  });

  it('names VOYAGER_PG_PORT when another program holds the port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    try {
      const res = await run(['status'], { VOYAGER_PG_PORT: String(takenPort) });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(
        `VOYAGER_PG_PORT: port ${takenPort} on 127.0.0.1 is in use by another program`,
      );
      expect(res.stderr).not.toContain('unknown error');
    } finally {
      taken.close();
    }
  });

  it('stops before any step when an image finds the environment unusable (validateEnvironment)', async () => {
    const res = await run(['materialize', '--select', 'landing/fixture/slow'], { FIXTURE_TOKEN: 'half' });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('FIXTURE_TOKEN, FIXTURE_SECRET: set both or neither'),
    ]);
  });

  it('exits 2 for a query Postgres refuses, naming the problem', async () => {
    const res = await run(['sql', 'selec 1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('the query failed: syntax error at or near');
  });
});

describe('day to day', () => {
  it('on a terminal (tmux), shows the step list once, as the final table, then what to do next', async () => {
    const session = `voyager-test-${process.pid}`;
    const { VOYAGER_DATABASE_URL: _a, VOYAGER_LANDING_URL: _b, CI: _c, ...base } = process.env;
    const envArgs = Object.entries({
      ...base,
      VOYAGER_HOME: home,
      VOYAGER_PG_PORT: port,
      FIXTURE_SLEEP_MS: '1500',
    })
      .filter(([k]) => /^(PATH|HOME|VOYAGER_|FIXTURE_)/.test(k))
      .map(([k, v]) => `${k}='${v}'`)
      .join(' ');
    const command = `cd '${project}' && env -u CI ${envArgs} '${process.execPath}' '${bin}' materialize --partition 2026-03-05; echo EXIT=$?; sleep 60`;
    spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '60', command]);
    try {
      let screen = '';
      for (let i = 0; i < 600 && !screen.includes('EXIT='); i++) {
        await new Promise((r) => setTimeout(r, 100));
        screen = spawnSync('tmux', ['capture-pane', '-p', '-t', session, '-S', '-'], {
          encoding: 'utf8',
        }).stdout;
      }
      expect(screen).toContain('EXIT=0');
      // every asset once: in the table, not also in a left-over copy of the live list
      for (const key of ['landing/fixture/numbers', 'landing/fixture/slow', 'raw/fixture_after_slow']) {
        expect(screen.split('\n').filter((l) => l.includes(key))).toHaveLength(1);
      }
      expect(screen).toMatch(/│ raw\/fixture_numbers +│ 2026-03-05 │ ✔ success/);
      expect(screen).toMatch(/next: npx voyager status .* npx voyager sql .* npx voyager ui/);
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
  });

  it('writes every run log to $VOYAGER_HOME/logs/<run>.ndjson, read back with voyager logs <run> --step KEY', async () => {
    const res = await run(['materialize', '--partition', '2026-03-06', '--json']);
    expect(res.code).toBe(0);
    const runId = (JSON.parse(res.stdout) as { runId: string }).runId;
    expect(existsSync(join(home, 'logs', `${runId}.ndjson`))).toBe(true);
    const all = await run(['logs', runId]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('[landing/fixture/slow] step started');
    const one = await run(['logs', runId, '--step', 'raw/fixture_numbers']);
    const lines = one.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.includes('[raw/fixture_numbers'))).toBe(true);
    const missing = await run(['logs', 'no-such-run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no log file for run no-such-run');
  });
});

describe('status, sql, list and import on one screen', () => {
  it('status: one line per asset, --select filters, --json has every partition', async () => {
    expect((await run(['materialize', '--from', '2026-04-01', '--to', '2026-04-13', '--json'])).code).toBe(0);
    const screen = await run(['status']);
    expect(screen.code).toBe(0);
    expect(screen.stdout.split('\n').filter((l) => l.includes('raw/fixture_numbers'))).toHaveLength(1);
    expect(screen.stdout).not.toMatch(/\{"/); // no JSON cut to a column
    const filtered = await run(['status', '--select', 'landing/fixture/slow']);
    expect(filtered.stdout).toContain('landing/fixture/slow');
    expect(filtered.stdout).not.toContain('raw/fixture_numbers');
    const json = JSON.parse((await run(['status', '--json', '--select', 'raw/fixture_numbers'])).stdout) as {
      assets: { assetKey: string; partitionKey: string }[];
    };
    expect(json.assets.filter((a) => a.partitionKey?.startsWith('2026-04-'))).toHaveLength(12);
    expect(new Set(json.assets.map((a) => a.assetKey))).toEqual(new Set(['raw/fixture_numbers']));
  });

  it('sql: 100 rows by default with a note, --limit N, --json everything', async () => {
    const q = 'select n from generate_series(1, 150) as n';
    const table = await run(['sql', q]);
    expect(table.stdout).toMatch(/│ 100 │/);
    expect(table.stdout).not.toMatch(/│ 101 │/);
    expect(table.stdout).toContain('(first 100 rows shown, there are more: --limit N, or --limit 0 for all)');
    const three = await run(['sql', q, '--limit', '3', '--json']);
    expect(JSON.parse(three.stdout)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((JSON.parse((await run(['sql', q, '--json'])).stdout) as unknown[]).length).toBe(150);
  });

  it('an unknown asset suggests the close key; list --select previews a selection', async () => {
    const typo = await run(['materialize', '--select', 'landing/fixture/slw']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown asset landing/fixture/slw (did you mean landing/fixture/slow?)');
    const preview = await run(['list', '--select', 'landing/fixture/slow+', '--json']);
    expect((JSON.parse(preview.stdout) as { key: string }[]).map((a) => a.key)).toEqual([
      'landing/fixture/slow',
      'raw/fixture_after_slow',
    ]);
  });
});
