import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  createTestRuntime,
  requireMotoServer,
  runAssetOnce,
  startMotoServer,
  type MotoServer,
  type TestRuntime,
  createLogger,
} from '@voyager/orchestration/testing';
import { loadStravaSettings } from '../src/strava/strava-environment.js';
import { stravaAthlete } from '../src/strava/athlete-asset.js';
import { StravaCredentialsError } from '../src/strava/errors.js';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { openStravaSession } from '@voyager/extract/testing';
import { resetAsset, withSimulator } from './support/strava-harness.js';

let runtime: TestRuntime;
let simulator: StravaSimulator;
const moto = requireMotoServer();
let motoServer: MotoServer | undefined;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
  await motoServer?.stop();
});
afterEach(async () => {
  await simulator?.stop();
  await resetAsset(runtime, stravaAthlete.name, [
    'strava/athlete',
    'strava/athlete_zones',
    'strava/athlete_stats',
  ]);
});

describe('Strava OAuth', () => {
  it('persists the rotated refresh token in a 0600 file and refreshes only near expiry', async () => {
    simulator = await startStravaSimulator({ accessTokenTtlSeconds: 3600 });
    const env = withSimulator(runtime, simulator);
    expect((await runAssetOnce(env, stravaAthlete)).status).toBe('success');
    const file = join(runtime.config.home, 'strava', `tokens-${simulator.credentials.clientId}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { refreshToken: string };
    expect(stored.refreshToken).toBe(simulator.tokens.currentRefreshToken);
    expect(stored.refreshToken).not.toBe(simulator.credentials.refreshToken); // the old one is invalid now
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // second run: the access token has an hour left, so no refresh
    expect((await runAssetOnce(env, stravaAthlete)).status).toBe('success');
    expect(simulator.tokens.grants).toBe(1);
  });

  it('refreshes again once the stored access token expires within 5 minutes, with the newest refresh token', async () => {
    simulator = await startStravaSimulator({ accessTokenTtlSeconds: 3600 });
    const env = withSimulator(runtime, simulator);
    expect((await runAssetOnce(env, stravaAthlete)).status).toBe('success');
    // 56 minutes later: the stored access token has 4 minutes left
    const file = join(runtime.config.home, 'strava', `tokens-${simulator.credentials.clientId}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...stored, expiresAt: Math.floor(Date.now() / 1000) + 240 }));
    expect((await runAssetOnce(env, stravaAthlete)).status).toBe('success');
    expect(simulator.tokens.grants).toBe(2);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      refreshToken: simulator.tokens.currentRefreshToken,
    });
  });

  it('two assets starting in parallel share one refresh instead of racing on the rotating token', async () => {
    simulator = await startStravaSimulator({ accessTokenTtlSeconds: 3600 });
    const env = withSimulator(runtime, simulator);
    const outcomes = await Promise.all([
      runAssetOnce(env, stravaAthlete),
      runAssetOnce(env, stravaAthlete),
      runAssetOnce(env, stravaAthlete),
    ]);
    expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined, undefined]);
    expect(simulator.tokens.grants).toBe(1);
  });

  it('fails with a clear, non-retryable error when Strava answers 401, without leaking the secret', async () => {
    simulator = await startStravaSimulator();
    const outcome = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_CLIENT_SECRET: 'wrong-secret-value' }),
      stravaAthlete,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.nonRetryable).toBe(true);
    expect(outcome.error).toMatch(
      /Strava rejected the token refresh \(401: Application\. invalid\); check STRAVA_CLIENT_ID \/ STRAVA_CLIENT_SECRET/,
    );
    expect(outcome.error).not.toContain('wrong-secret-value');
    expect(outcome.error).not.toContain(simulator.credentials.refreshToken);
  });

  it('a revoked access token gets one refresh, then the request succeeds', async () => {
    simulator = await startStravaSimulator({ accessTokenTtlSeconds: 3600 });
    const env = withSimulator(runtime, simulator);
    await runAssetOnce(env, stravaAthlete);
    simulator.tokens.expireAccessTokens();
    expect((await runAssetOnce(env, stravaAthlete)).status).toBe('success');
    expect(simulator.tokens.grants).toBe(2);
  });
});

describe('Strava credentials', () => {
  it('names every missing or malformed variable on its own line, never a value', () => {
    const error = (() => {
      try {
        loadStravaSettings({
          STRAVA_CLIENT_ID: 'abc',
          STRAVA_CLIENT_SECRET: 's3cr3t',
          STRAVA_OVERLAP_DAYS: '-1',
        });
      } catch (e) {
        return e as StravaCredentialsError;
      }
      throw new Error('expected a StravaCredentialsError');
    })();
    expect(error).toBeInstanceOf(StravaCredentialsError);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['STRAVA_CLIENT_ID', 'STRAVA_OVERLAP_DAYS']);
    expect(error.message).not.toContain('s3cr3t');
    expect(() => loadStravaSettings({ STRAVA_CLIENT_ID: '1' })).toThrow(
      /STRAVA_CLIENT_SECRET: is not set .*\nSTRAVA_REFRESH_TOKEN: is not set/,
    );
  });

  it.skipIf(!moto.path)(
    `reads credentials from SSM (moto) and writes the rotated refresh token back as a SecureString ${moto.skipReason ?? ''}`,
    async () => {
      simulator = await startStravaSimulator();
      const ssm = await ssmOnMoto(simulator);
      const session = await openSsmSession(ssm);
      expect(await session.client.getAthlete()).toMatchObject({ id: 26462176 });
      await session.close();
      const stored = await ssm.send(new GetParameterCommand({ Name: REFRESH, WithDecryption: true }));
      expect(stored.Parameter).toMatchObject({
        Value: simulator.tokens.currentRefreshToken,
        Type: 'SecureString',
        Version: 2, // the seed, then one rotation
      });
    },
  );

  it.skipIf(!moto.path)(
    `a parallel task that rotated the SSM token but has not saved it yet: the loser waits for it and retries ${moto.skipReason ?? ''}`,
    async () => {
      simulator = await startStravaSimulator();
      const ssm = await ssmOnMoto(simulator);
      const session = await openSsmSession(ssm, 100);
      // the winner (another ECS task) spends the stored refresh token now and saves the new one 80 ms later
      const winner = (await (
        await fetch(simulator.oauthUrl, {
          method: 'POST',
          body: new URLSearchParams({
            client_id: simulator.credentials.clientId,
            client_secret: simulator.credentials.clientSecret,
            grant_type: 'refresh_token',
            refresh_token: simulator.credentials.refreshToken,
          }),
        })
      ).json()) as { refresh_token: string };
      const saved = sleep(80).then(() =>
        ssm.send(
          new PutParameterCommand({
            Name: REFRESH,
            Value: winner.refresh_token,
            Type: 'SecureString',
            Overwrite: true,
          }),
        ),
      );
      expect(await session.client.getAthlete()).toMatchObject({ id: 26462176 });
      await saved;
      await session.close();
      expect(simulator.tokens.grants).toBe(2);
      const stored = await ssm.send(new GetParameterCommand({ Name: REFRESH, WithDecryption: true }));
      expect(stored.Parameter?.Value).toBe(simulator.tokens.currentRefreshToken);
    },
  );

  it.skipIf(!moto.path)(
    `a crash mid-rotation left SSM holding a token Strava never accepted: the previous version is tried and the run goes on ${moto.skipReason ?? ''}`,
    async () => {
      simulator = await startStravaSimulator();
      const ssm = await ssmOnMoto(simulator);
      const first = await openSsmSession(ssm, 10);
      await first.client.getAthlete();
      await first.close();
      const valid = simulator.tokens.currentRefreshToken; // parameter version 2
      await ssm.send(
        new PutParameterCommand({
          Name: REFRESH,
          Value: 'sim-refresh-never-committed',
          Type: 'SecureString',
          Overwrite: true,
        }),
      );
      expect(valid).not.toBe(simulator.credentials.refreshToken);
      const second = await openSsmSession(ssm, 10);
      expect(await second.client.getAthlete()).toMatchObject({ id: 26462176 });
      await second.close();
      expect(simulator.tokens.grants).toBe(2);
      const stored = await ssm.send(new GetParameterCommand({ Name: REFRESH, WithDecryption: true }));
      expect(stored.Parameter).toMatchObject({ Value: simulator.tokens.currentRefreshToken, Version: 4 });
    },
  );
});

const REFRESH = '/voyager/test/strava/refresh_token';

/**
 * SSM on moto's server (started once per file, reset per test) holding the simulator's
 * credentials under `/voyager/test/strava`, as the infrastructure creates them.
 */
async function ssmOnMoto(sim: StravaSimulator): Promise<SSMClient> {
  motoServer ??= await startMotoServer({ executable: moto.path });
  await motoServer.reset();
  const ssm = new SSMClient(motoServer.clientConfig);
  for (const [name, value] of [
    ['/voyager/test/strava/client_id', sim.credentials.clientId],
    ['/voyager/test/strava/client_secret', sim.credentials.clientSecret],
    [REFRESH, sim.credentials.refreshToken],
  ] as const) {
    await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'SecureString' }));
  }
  return ssm;
}

function openSsmSession(ssm: SSMClient, tokenRaceWaitMs?: number) {
  const env = {
    ...withSimulator(runtime, simulator).env,
    STRAVA_CLIENT_ID: '',
    STRAVA_CLIENT_SECRET: '',
    STRAVA_REFRESH_TOKEN: '',
    VOYAGER_SSM_PREFIX: '/voyager/test',
  };
  const log = createLogger({ level: 'silent', pretty: false });
  return openStravaSession(
    { env, projectDir: runtime.projectDir, log, signal: new AbortController().signal },
    { ssm, ...(tokenRaceWaitMs !== undefined ? { tokenRaceWaitMs } : {}) },
  );
}
