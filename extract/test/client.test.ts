import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@voyager/orchestration/testing';
import { StravaApiError, StravaRateLimitError } from '../src/strava/errors.js';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { FileTokenStore, StravaClient } from '@voyager/extract/testing';

const log = createLogger({ level: 'silent', pretty: false });
let simulator: StravaSimulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await simulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function client(
  sim: StravaSimulator,
  options: { now?: () => number; maxRateLimitWaitSeconds?: number } = {},
): Promise<StravaClient> {
  dir = await mkdtemp(join(tmpdir(), 'voyager-client-'));
  return new StravaClient({
    credentials: {
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      tokenStore: new FileTokenStore(join(dir, 'tokens.json'), sim.credentials.refreshToken),
    },
    apiUrl: sim.apiUrl,
    oauthUrl: sim.oauthUrl,
    log,
    maxRateLimitWaitSeconds: options.maxRateLimitWaitSeconds ?? 60,
    retryMinTimeoutMs: 10,
    ...(options.now ? { now: options.now } : {}),
  });
}

describe('StravaClient rate limits and retries', () => {
  it('paces from the headers: waits for the next quarter hour instead of sending a request that would get a 429', async () => {
    // a clock 1.5 s before a quarter-hour boundary, shared by the simulator and the client
    const boundary = Math.ceil(Date.now() / 900_000) * 900_000 + 900_000;
    const start = Date.now();
    const now = () => boundary - 1_500 + (Date.now() - start);
    simulator = await startStravaSimulator({
      now,
      rateLimits: { overall: { quarterHour: 2, daily: 100 }, read: { quarterHour: 2, daily: 100 } },
    });
    const c = await client(simulator, { now });
    await c.getAthlete();
    await c.getZones();
    expect(c.rateLimit.read).toMatchObject({ quarterHourUsage: 2, quarterHourLimit: 2 });
    const before = Date.now();
    await c.getAthlete(); // would be the third request of the window
    expect(Date.now() - before).toBeGreaterThanOrEqual(1_500);
    expect(c.requestCount).toBe(3); // no 429 was spent
    await c.close();
  });

  it('on the recorded 429 (daily limit used) stops at once when UTC midnight is beyond the allowed wait', async () => {
    simulator = await startStravaSimulator();
    const c = await client(simulator, { maxRateLimitWaitSeconds: 900 });
    simulator.failNext(1, 429);
    const error = await c.getAthlete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StravaRateLimitError);
    expect(error).toMatchObject({ limit: 'daily', retryable: false, status: 429 });
    expect((error as StravaRateLimitError).resumeAt.toISOString()).toMatch(/T00:00:00\.000Z$/);
    await c.close();
  });

  it('retries 5xx with backoff and gives up with a retryable error after the last attempt', async () => {
    simulator = await startStravaSimulator();
    const c = await client(simulator);
    simulator.failNext(2, 502);
    expect(await c.getAthlete()).toMatchObject({ id: 26462176 });
    simulator.failNext(10, 500);
    const error = await c.getAthlete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StravaApiError);
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(c.requestCount).toBe(3 + 5);
    await c.close();
  });
});
