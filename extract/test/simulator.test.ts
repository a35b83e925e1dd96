import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, sharedData } from '@voyager/orchestration/testing';
import {
  startStravaSimulator,
  stravaSimulatorDevService,
  type StravaSimulator,
} from '@voyager/extract/simulator';

let simulator: StravaSimulator;
let token: string;

beforeAll(async () => {
  simulator = await startStravaSimulator({
    rateLimits: { overall: { quarterHour: 1000, daily: 5000 }, read: { quarterHour: 30, daily: 1000 } },
  });
  const res = await fetch(simulator.oauthUrl, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: simulator.credentials.clientId,
      client_secret: simulator.credentials.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: simulator.credentials.refreshToken,
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await simulator?.stop();
});

const get = (path: string) =>
  fetch(`${simulator.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
const list = async (query: string) =>
  (await (await get(`/athlete/activities?${query}`)).json()) as { id: number; start_date: string }[];

describe('Strava API simulator', () => {
  it('pages newest first by default (30 per page) and oldest first with only `after`', async () => {
    const first = await list('');
    expect(first).toHaveLength(30);
    expect(first[0]!.start_date).toBe('2025-10-19T20:00:00Z');
    const oldest = await list('after=0&per_page=500');
    expect(oldest).toHaveLength(200); // per_page is capped at 200
    expect(oldest[0]!.start_date).toBe('2017-10-01T21:08:32Z');
    expect(await list('page=38&per_page=30')).toHaveLength(22);
    expect(await list('page=39&per_page=30')).toEqual([]);
  });

  it('filters on start_date with exclusive after/before, newest first when both are given (as recorded for December 2018)', async () => {
    const nov = await list('after=1541088000&before=1543683600');
    expect(nov.map((a) => a.start_date)).toEqual([
      '2018-11-28T20:11:32Z',
      '2018-11-18T16:30:45Z',
      '2018-11-12T22:12:47Z',
      '2018-11-10T16:03:24Z',
      '2018-11-04T14:53:46Z',
      '2018-11-03T13:20:58Z',
      '2018-11-02T21:16:19Z',
    ]);
    const at = Date.parse('2018-11-04T14:53:46Z') / 1000;
    expect((await list(`after=${at}&per_page=1`))[0]!.start_date).not.toBe('2018-11-04T14:53:46Z');
  });

  it('answers 401 without a valid token, 404 for an unknown id, and rotates refresh tokens', async () => {
    const unauthorized = await fetch(`${simulator.apiUrl}/athlete`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({
      message: 'Authorization Error',
      errors: [{ resource: 'Application', field: '', code: 'invalid' }],
    });
    expect((await get('/activities/1')).status).toBe(404);
    const reuse = await fetch(simulator.oauthUrl, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: simulator.credentials.clientId,
        client_secret: simulator.credentials.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: simulator.credentials.refreshToken,
      }),
    });
    expect(reuse.status).toBe(400); // the demo refresh token was used once and is invalid now
  });

  it('sends the rate-limit headers and a 429 with the recorded body once the read limit is used', async () => {
    simulator.rateLimiter.reset();
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) last = await get('/athlete');
    expect(last!.headers.get('x-readratelimit-usage')).toBe('30,30');
    expect(last!.headers.get('x-ratelimit-limit')).toBe('1000,5000');
    const limited = await get('/athlete');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      errors: 'Rate Limit Exceeded',
      status: 429,
      message: 'Too Many Requests',
    });
    expect(limited.headers.get('x-readratelimit-limit')).toBe('30,1000');
  });
});

describe('stravaSimulatorDevService', () => {
  it('starts the simulator only when no Strava credentials are configured, and says how to use a real account', async () => {
    const log = createLogger({ level: 'silent', pretty: false });
    const home = await mkdtemp(join(tmpdir(), 'voyager-dev-service-'));
    try {
      expect(
        await stravaSimulatorDevService.start({
          env: { VOYAGER_HOME: home, VOYAGER_SSM_PREFIX: '/voyager/prod' },
          projectDir: home,
          log,
        }),
      ).toBeUndefined();
      const running = await stravaSimulatorDevService.start({
        env: { VOYAGER_HOME: home, STRAVA_CLIENT_ID: '' },
        projectDir: home,
        log,
      });
      expect(running).toBeDefined();
      try {
        expect(running!.env).toMatchObject({
          STRAVA_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/),
          STRAVA_REFRESH_TOKEN: expect.any(String),
        });
        expect(running!.notice).toMatch(
          /simulator serving a synthetic athlete generated by Voyager \([\d,]+ activities since 2021-01-04;.*set STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET and STRAVA_REFRESH_TOKEN in \.env\.local/,
        );
        expect(running!.env.STRAVA_IDENTITY).toBe('simulator synthetic client 24523');
        const res = await fetch(`${running!.env.STRAVA_API_URL}/athlete`);
        expect(res.status).toBe(401);
      } finally {
        await running!.stop();
      }
      const recorded = await stravaSimulatorDevService.start({
        env: { VOYAGER_HOME: home, VOYAGER_SIMULATOR_DATA: sharedData('strava-api-v3') },
        projectDir: home,
        log,
      });
      try {
        expect(recorded!.notice).toMatch(
          /serving recorded Strava responses from \S+strava-api-v3 \(VOYAGER_SIMULATOR_DATA, 1,132 activities\)/,
        );
        expect(recorded!.env.STRAVA_IDENTITY).toMatch(/^simulator recorded \S+strava-api-v3 client 24523$/);
      } finally {
        await recorded!.stop();
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
