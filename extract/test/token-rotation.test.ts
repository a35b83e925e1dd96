import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@voyager/orchestration/testing';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { FileTokenStore, StravaClient } from '@voyager/extract/testing';

// Issue 12 point 6: short-lived tokens and a crash in the middle of a rotation.
const log = createLogger({ level: 'silent', pretty: false });
let simulator: StravaSimulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await simulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function client(sim: StravaSimulator, store: FileTokenStore): Promise<StravaClient> {
  return new StravaClient({
    credentials: {
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      tokenStore: store,
    },
    apiUrl: sim.apiUrl,
    oauthUrl: sim.oauthUrl,
    log,
    maxRateLimitWaitSeconds: 0,
    retryMinTimeoutMs: 10,
  });
}

describe('StravaClient token rotation', () => {
  it('a token living less than the 5-minute margin is refreshed once, not before every request', async () => {
    simulator = await startStravaSimulator({ accessTokenTtlSeconds: 120 });
    dir = await mkdtemp(join(tmpdir(), 'voyager-tokens-'));
    const c = await client(
      simulator,
      new FileTokenStore(join(dir, 'tokens.json'), simulator.credentials.refreshToken),
    );
    for (let i = 0; i < 20; i++) await c.getAthlete();
    expect(c.requestCount).toBe(20);
    expect(simulator.tokens.grants).toBe(1);
    await c.close();
  });

  it('keeps the replaced refresh token durably and falls back to it when Strava refuses the newest', async () => {
    simulator = await startStravaSimulator();
    dir = await mkdtemp(join(tmpdir(), 'voyager-tokens-'));
    const path = join(dir, 'tokens.json');
    const store = new FileTokenStore(path, simulator.credentials.refreshToken);
    const first = await client(simulator, store);
    await first.getAthlete();
    await first.close();
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      refreshToken: simulator.tokens.currentRefreshToken,
      previousRefreshToken: simulator.credentials.refreshToken,
    });
    // a store left holding a newest token Strava never committed (a crash mid-rotation), next to the
    // valid one it replaced, and no usable access token
    await writeFile(
      path,
      JSON.stringify({
        seed: saved.seed,
        refreshToken: 'sim-refresh-never-committed',
        previousRefreshToken: simulator.tokens.currentRefreshToken,
      }),
    );
    const second = await client(simulator, store);
    expect(await second.getAthlete()).toMatchObject({ id: expect.any(Number) });
    await second.close();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      refreshToken: simulator.tokens.currentRefreshToken,
    });
    expect(simulator.tokens.grants).toBe(2);
  });
});
