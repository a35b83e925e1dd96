import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import {
  freePort,
  requireMotoServer,
  startMotoServer,
  type MotoServer,
} from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// `npm start` as it runs in AWS: landing in S3, the Strava refresh token in SSM Parameter Store
// (the app id and secret injected as environment, as ECS does), both on moto's server, against a
// local run on the same simulator data.
const moto = requireMotoServer();
const PREFIX = '/voyager/test';
const TOKEN = `${PREFIX}/strava/refresh_token`;

describe.skipIf(!moto.path)(`npm start on AWS paths (moto S3 + SSM) ${moto.skipReason ?? ''}`, () => {
  let server: MotoServer;
  let simulator: StravaSimulator;
  const homes: string[] = [];
  let localEnv: Record<string, string>;
  let awsEnv: Record<string, string>;

  const home = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'voyager-aws-'));
    await chmod(dir, 0o755); // embedded Postgres runs as the postgres user when we are root
    homes.push(dir);
    return dir;
  };
  const count = async (env: Record<string, string>, sql: string): Promise<unknown> => {
    const res = await runVoyager(['sql', sql, '--json'], env);
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    server = await startMotoServer({ executable: moto.path });
    await new S3Client(server.clientConfig).send(new CreateBucketCommand({ Bucket: 'voyager-landing' }));
    simulator = await startStravaSimulator();
    await new SSMClient(server.clientConfig).send(
      new PutParameterCommand({
        Name: TOKEN,
        Value: simulator.credentials.refreshToken,
        Type: 'SecureString',
      }),
    );
    // the AWS paths are the subject, not the dbt engine: `auto` would find .tools/dbt (real dbt's
    // builds are tested in vitest.engines.config.ts)
    localEnv = {
      VOYAGER_HOME: await home(),
      VOYAGER_PG_PORT: String(await freePort()),
      VOYAGER_DBT_RUNNER: 'builtin',
    };
    awsEnv = {
      ...server.env,
      VOYAGER_DBT_RUNNER: 'builtin',
      VOYAGER_HOME: await home(),
      VOYAGER_PG_PORT: String(await freePort()),
      VOYAGER_LANDING_URL: 's3://voyager-landing/landing',
      VOYAGER_S3_ENDPOINT: server.endpoint,
      VOYAGER_SSM_PREFIX: PREFIX,
      STRAVA_API_URL: simulator.apiUrl,
      STRAVA_OAUTH_URL: simulator.oauthUrl,
      STRAVA_CLIENT_ID: simulator.credentials.clientId,
      STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
    };
  });
  afterAll(async () => {
    await simulator?.stop();
    await server?.stop();
    await Promise.all(homes.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('materializes every asset with the landing zone in S3 and the refresh token in SSM', async () => {
    const run = await runVoyager(['materialize'], awsEnv);
    expect(run.stdout).toMatch(/run \S+: success/);
    expect(run.code, run.stderr).toBe(0);
    // the Strava simulator stays off: its credentials are set (the heart-rate and weather
    // simulators still start, as no GOOGLE_HEALTH_* or OPEN_METEO_URL is set here)
    expect(run.stderr).not.toMatch(/Strava API simulator/i);
    const listed = await new S3Client(server.clientConfig).send(
      new ListObjectsV2Command({ Bucket: 'voyager-landing', Prefix: 'landing/strava/activities/' }),
    );
    const keys = (listed.Contents ?? []).map((o) => o.Key ?? '');
    expect(keys.some((k) => k.endsWith('/_manifest.json'))).toBe(true);
    expect(keys.some((k) => /part-\d{5}\.ndjson\.gz$/.test(k))).toBe(true);
    expect(existsSync(join(awsEnv.VOYAGER_HOME!, 'landing'))).toBe(false);
  });

  it('leaves the rotated refresh token in SSM, the one Strava now accepts', async () => {
    const stored = await new SSMClient(server.clientConfig).send(
      new GetParameterCommand({ Name: TOKEN, WithDecryption: true }),
    );
    expect(stored.Parameter?.Value).not.toBe(simulator.credentials.refreshToken);
    expect(stored.Parameter?.Value).toBe(simulator.tokens.currentRefreshToken);
    expect(stored.Parameter?.Type).toBe('SecureString');
  });

  it('builds the same marts as a local run on the same simulator data', async () => {
    const local = await runVoyager(['materialize'], localEnv);
    expect(local.code, local.stderr).toBe(0);
    for (const sql of [
      'select count(*) as n from marts.fct_activities',
      'select count(*) as n, count(distinct activity_id) as ids from raw.strava_activities',
      'select sport_type, count(*) as n from marts.fct_activities group by 1 order by 1',
    ]) {
      const fromS3 = await count(awsEnv, sql);
      expect(fromS3, sql).toEqual(await count(localEnv, sql));
    }
    expect(
      ((await count(awsEnv, 'select count(*) as n from marts.fct_activities')) as { n: number }[])[0]!.n,
    ).toBeGreaterThan(0);
  });
});
