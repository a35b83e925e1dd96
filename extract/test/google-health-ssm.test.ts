import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  requireMotoServer,
  startMotoServer,
  type MotoServer,
} from '@voyager/orchestration/testing';
import { extractImage } from '@voyager/extract';
import {
  startGoogleHealthSimulator,
  type GoogleHealthSimulator,
} from '@voyager/extract/heart-rate-simulator';
import { GoogleHealthClient } from '@voyager/extract/testing';
import { GoogleHealthCredentialsError } from '../src/heart-rate/errors.js';
import { resolveGoogleHealthCredentials } from '../src/heart-rate/google-health-credentials.js';
import { loadGoogleHealthSettings } from '../src/heart-rate/google-health-environment.js';

// Google tokens on AWS paths: the rotating refresh token in SSM Parameter Store (moto's server),
// as Strava's; the client id and secret injected as environment (as ECS does) or read from SSM.
const moto = requireMotoServer();
const PREFIX = '/voyager/test';
const REFRESH = `${PREFIX}/google_health/refresh_token`;
const HOUR = { start: new Date('2024-03-05T10:00:00Z'), end: new Date('2024-03-05T11:00:00Z') };
const log = createLogger({ level: 'silent', pretty: false });

describe.skipIf(!moto.path)(`Google Health tokens in SSM (moto) ${moto.skipReason ?? ''}`, () => {
  let server: MotoServer;
  let ssm: SSMClient;
  let home: string;
  const sims: GoogleHealthSimulator[] = [];
  beforeAll(async () => {
    server = await startMotoServer({ executable: moto.path });
    ssm = new SSMClient(server.clientConfig);
    home = await mkdtemp(join(tmpdir(), 'voyager-google-ssm-'));
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    await server?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const put = (name: string, value: string) =>
    ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'SecureString', Overwrite: true }));
  /** One hour's points through a client whose credentials come from `env` + SSM. */
  const readHour = async (sim: GoogleHealthSimulator, env: Record<string, string>): Promise<number> => {
    const settings = loadGoogleHealthSettings({ VOYAGER_SSM_PREFIX: PREFIX, ...env });
    expect(settings.credentialSource).toBe('ssm');
    const client = new GoogleHealthClient({
      credentials: await resolveGoogleHealthCredentials(settings, { home, ssm }),
      apiUrl: sim.apiUrl,
      oauthUrl: sim.oauthUrl,
      log,
      retryMinTimeoutMs: 10,
    });
    let n = 0;
    try {
      for await (const page of client.listHeartRate(HOUR.start, HOUR.end)) n += page.length;
    } finally {
      await client.close();
    }
    return n;
  };

  it('the extract image declares the Google secrets: id and secret injected, the refresh token rotated in place', () => {
    expect(
      extractImage.secrets
        ?.filter((s) => s.env.startsWith('GOOGLE_HEALTH_'))
        .map((s) => [s.parameter, !!s.rotates]),
    ).toEqual([
      ['google_health/client_id', false],
      ['google_health/client_secret', false],
      ['google_health/refresh_token', true],
    ]);
  });

  it('reads the refresh token from SSM and writes the rotated one back as a SecureString; the next run uses it', async () => {
    await server.reset();
    const sim = await startGoogleHealthSimulator();
    sims.push(sim);
    await put(REFRESH, sim.credentials.refreshToken);
    const injected = {
      GOOGLE_HEALTH_CLIENT_ID: sim.credentials.clientId,
      GOOGLE_HEALTH_CLIENT_SECRET: sim.credentials.clientSecret,
    };
    expect(await readHour(sim, injected)).toBe(720);
    const stored = await ssm.send(new GetParameterCommand({ Name: REFRESH, WithDecryption: true }));
    expect(stored.Parameter).toMatchObject({
      Value: sim.currentRefreshToken,
      Type: 'SecureString',
      Version: 2, // the seed, then one rotation
    });
    expect(sim.currentRefreshToken).not.toBe(sim.credentials.refreshToken);
    // a second container: the seed is spent (the simulator refuses it), the rotated token works
    expect(await readHour(sim, injected)).toBe(720);
    expect(sim.requests.token).toBe(2);
  });

  it('without the id and secret in the environment reads them from SSM too; a missing parameter is named, no value shown', async () => {
    await server.reset();
    const sim = await startGoogleHealthSimulator();
    sims.push(sim);
    await put(REFRESH, sim.credentials.refreshToken);
    await put(`${PREFIX}/google_health/client_id`, sim.credentials.clientId);
    const settings = loadGoogleHealthSettings({ VOYAGER_SSM_PREFIX: PREFIX });
    const missing = resolveGoogleHealthCredentials(settings, { home, ssm });
    await expect(missing).rejects.toThrow(GoogleHealthCredentialsError);
    await expect(missing).rejects.toThrow(
      `SSM parameter ${PREFIX}/google_health/client_secret: is missing (VOYAGER_SSM_PREFIX=${PREFIX})`,
    );
    await put(`${PREFIX}/google_health/client_secret`, sim.credentials.clientSecret);
    expect(await readHour(sim, {})).toBe(720);
  });

  it('a refresh token in the environment (a person or the simulator) keeps the 0600 file store, even with VOYAGER_SSM_PREFIX', () => {
    const settings = loadGoogleHealthSettings({
      VOYAGER_SSM_PREFIX: PREFIX,
      GOOGLE_HEALTH_CLIENT_ID: 'id',
      GOOGLE_HEALTH_CLIENT_SECRET: 'secret',
      GOOGLE_HEALTH_REFRESH_TOKEN: 'refresh',
    });
    expect(settings.credentialSource).toBe('env');
  });
});
