import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@voyager/orchestration/testing';
import { HeartRateDataPoint } from '../src/heart-rate/schemas.js';
import {
  startGoogleHealthSimulator,
  type GoogleHealthSimulator,
} from '@voyager/extract/heart-rate-simulator';
import { FileTokenStore, GoogleHealthClient } from '@voyager/extract/testing';

// The Google Health API client against its simulator (a real HTTP server on 127.0.0.1).
const log = createLogger({ level: 'silent', pretty: false });
const HOUR = { start: new Date('2024-03-05T10:00:00Z'), end: new Date('2024-03-05T11:00:00Z') };
let simulators: GoogleHealthSimulator[] = [];
let dir: string | undefined;
afterEach(async () => {
  await Promise.all(simulators.map((s) => s.stop()));
  simulators = [];
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(): Promise<GoogleHealthSimulator> {
  const sim = await startGoogleHealthSimulator();
  simulators.push(sim);
  return sim;
}

async function store(sim: GoogleHealthSimulator): Promise<FileTokenStore> {
  dir ??= await mkdtemp(join(tmpdir(), 'voyager-google-'));
  return new FileTokenStore(join(dir, 'tokens.json'), sim.credentials.refreshToken);
}

function client(sim: GoogleHealthSimulator, tokens: FileTokenStore, pageSize?: number, secret?: string) {
  return new GoogleHealthClient({
    credentials: {
      clientId: sim.credentials.clientId,
      clientSecret: secret ?? sim.credentials.clientSecret,
      tokenStore: tokens,
    },
    apiUrl: sim.apiUrl,
    oauthUrl: sim.oauthUrl,
    log,
    retryMinTimeoutMs: 10,
    ...(pageSize ? { pageSize } : {}),
  });
}

async function points(c: GoogleHealthClient): Promise<{ pages: number; points: HeartRateDataPoint[] }> {
  let pages = 0;
  const out: HeartRateDataPoint[] = [];
  for await (const page of c.listHeartRate(HOUR.start, HOUR.end)) {
    pages++;
    for (const p of page) out.push(HeartRateDataPoint.parse(p));
  }
  return { pages, points: out };
}

describe('GoogleHealthClient', () => {
  it('pages through an hour by nextPageToken: every 5-s sample of the hour, once, in the hour', async () => {
    const sim = await start();
    const c = client(sim, await store(sim), 500);
    const { pages, points: all } = await points(c);
    expect(pages).toBe(2); // 720 samples, 500 a page
    expect(all).toHaveLength(720);
    const times = all.map((p) => Date.parse(p.heartRate.sampleTime.physicalTime));
    expect(new Set(times).size).toBe(720);
    expect(Math.min(...times)).toBe(HOUR.start.getTime());
    expect(Math.max(...times)).toBeLessThan(HOUR.end.getTime());
    await c.close();
  });

  it('rotates the refresh token into the 0600 store, keeping the one it replaced', async () => {
    const sim = await start();
    const tokens = await store(sim);
    const c = client(sim, tokens);
    await points(c);
    await c.close();
    const saved = JSON.parse(await readFile(tokens.location, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      refreshToken: sim.currentRefreshToken,
      previousRefreshToken: sim.credentials.refreshToken,
    });
    expect(sim.currentRefreshToken).not.toBe(sim.credentials.refreshToken);
  });

  it('parallel steps on one token store share the rotating token (one grant, no invalid_grant)', async () => {
    // failed before the per-store lock: "Google refused the token refresh (400: invalid_grant)"
    const sim = await start();
    const tokens = await store(sim);
    const clients = Array.from({ length: 4 }, () => client(sim, tokens));
    const results = await Promise.all(clients.map((c) => points(c)));
    expect(results.map((r) => r.points.length)).toEqual([720, 720, 720, 720]);
    expect(sim.requests.token).toBe(1);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('a stored access token the server no longer knows is refreshed, not adopted again', async () => {
    // failed before the fix: "Google Health API answered 401 ... the token lacks the heart-rate read scope or was revoked"
    const first = await start();
    const tokens = await store(first);
    const c1 = client(first, tokens);
    await points(c1);
    await c1.close();
    // a new server process with the rotated refresh token but none of the issued access tokens
    const { refreshToken } = JSON.parse(await readFile(tokens.location, 'utf8')) as { refreshToken: string };
    await first.stop();
    simulators = [];
    const stateDir = await mkdtemp(join(tmpdir(), 'voyager-google-state-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(stateDir, 'state.json'), JSON.stringify({ refreshToken }));
    const second = await startGoogleHealthSimulator({ stateFile: join(stateDir, 'state.json') });
    simulators.push(second);
    const c2 = client(second, tokens);
    expect((await points(c2)).points).toHaveLength(720);
    expect(second.requests.token).toBe(1);
    await c2.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('retries a 429 (RESOURCE_EXHAUSTED) and a 503, and refuses a wrong client secret without retrying', async () => {
    const sim = await start();
    const c = client(sim, await store(sim));
    sim.failNext(2, 429);
    expect((await points(c)).points).toHaveLength(720);
    expect(c.requestCount).toBe(3);
    sim.failNext(1, 503);
    expect((await points(c)).points).toHaveLength(720);
    await c.close();
    const wrong = client(
      sim,
      new FileTokenStore(join(dir!, 'other.json'), sim.credentials.refreshToken),
      undefined,
      'nope',
    );
    await expect(points(wrong)).rejects.toThrow(/Google refused the token refresh \(401: invalid_client\)/);
    expect(sim.requests.token).toBe(2);
    await wrong.close();
  });
});
