import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '@voyager/orchestration';
import { secretPlans } from '../src/config/secret-plan.js';
import { imagePlans } from '../src/config/image-plan.js';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { allows } from './support/evaluate.js';
import { statementsOf } from './support/iam.js';
import { type Synthesized, resources, synthesize } from './support/synth.js';

// A new source, declared only by its image: an API key injected at start and a session token it
// rotates. Nothing in iac/ names it.
const weather = image({
  name: 'weather-extract',
  description: 'Weather API extract',
  dockerfile: 'weather/Dockerfile',
  command: ['node', 'weather/dist/main.js'],
  resources: { cpu: 256, memoryMiB: 512 },
  envPrefixes: ['WEATHER_'],
  secrets: [
    { env: 'WEATHER_API_KEY', parameter: 'weather/api_key', description: 'Weather API key' },
    {
      env: 'WEATHER_SESSION_TOKEN',
      parameter: 'weather/session_token',
      description: 'Weather session token',
      rotates: true,
    },
  ],
});

const ACCOUNT = '${data.aws_caller_identity.caller.account_id}';
const PARTITION = '${data.aws_partition.partition.partition}';
const paramArn = (p: string): string =>
  `arn:${PARTITION}:ssm:eu-west-1:${ACCOUNT}:parameter/voyager/test/${p}`;

describe('a source image that declares its own secrets', () => {
  let before: Synthesized;
  let after: Synthesized;
  beforeAll(() => {
    before = synthesize(fakeDefinitions(), testEnvironment());
    after = synthesize(fakeDefinitions(weather), testEnvironment());
  });

  const parameterNames = (s: Synthesized): unknown[] =>
    Object.values(resources(s.stacks['voyager-secrets-test'], 'aws_ssm_parameter')).map((p) => p.name);
  const container = (s: Synthesized, family: string) => {
    const def = Object.values(resources(s.stacks['voyager-compute-test'], 'aws_ecs_task_definition')).find(
      (d) => d.family === family,
    );
    return JSON.parse(String(def!.container_definitions))[0] as {
      secrets: { name: string; valueFrom: string }[];
      environment: { name: string; value: string }[];
    };
  };

  it('gets one SecureString parameter per secret', () => {
    expect(parameterNames(before)).not.toContain('/voyager/test/weather/api_key');
    expect(parameterNames(after)).toEqual([
      '/voyager/test/google_health/client_id',
      '/voyager/test/google_health/client_secret',
      '/voyager/test/google_health/refresh_token',
      '/voyager/test/sources/totesys/url',
      '/voyager/test/strava/client_id',
      '/voyager/test/strava/client_secret',
      '/voyager/test/strava/refresh_token',
      '/voyager/test/warehouse/database_url',
      '/voyager/test/weather/api_key',
      '/voyager/test/weather/session_token',
    ]);
  });

  it('gets its non-rotating secret injected into its own task definition only', () => {
    expect(container(after, 'voyager-weather-extract-test').secrets).toEqual([
      { name: 'VOYAGER_DATABASE_URL', valueFrom: paramArn('warehouse/database_url') },
      { name: 'WEATHER_API_KEY', valueFrom: paramArn('weather/api_key') },
    ]);
    expect(container(after, 'voyager-weather-extract-test').environment).toContainEqual({
      name: 'VOYAGER_SSM_PREFIX',
      value: '/voyager/test',
    });
    expect(JSON.stringify(container(after, 'voyager-extract-test'))).not.toMatch(/weather/i);
  });

  it('lets ECS read the injected parameter, and the code read and write only the rotating one', () => {
    const execution = statementsOf(after, 'voyager-compute-test', 'roles_execution_permissions');
    const task = statementsOf(after, 'voyager-compute-test', 'roles_task_permissions');
    expect(allows(execution, 'ssm:GetParameters', paramArn('weather/api_key'))).toBe(true);
    expect(allows(execution, 'ssm:GetParameters', paramArn('weather/session_token'))).toBe(false);
    expect(allows(task, 'ssm:GetParameter', paramArn('weather/session_token'))).toBe(true);
    expect(allows(task, 'ssm:PutParameter', paramArn('weather/session_token'))).toBe(true);
    expect(allows(task, 'ssm:PutParameter', paramArn('weather/api_key'))).toBe(false);
    expect(allows(task, 'ssm:GetParameter', paramArn('weather/api_key'))).toBe(false);
    const beforeTask = statementsOf(before, 'voyager-compute-test', 'roles_task_permissions');
    expect(allows(beforeTask, 'ssm:PutParameter', paramArn('weather/session_token'))).toBe(false);
  });

  it('refuses two images that declare one parameter differently', () => {
    const clash = image({
      ...weather,
      name: 'weather-backfill',
      secrets: [{ env: 'WEATHER_API_KEY', parameter: 'weather/api_key', description: 'x', rotates: true }],
    });
    const defs = fakeDefinitions(weather);
    const plans = imagePlans({ ...defs, images: [...defs.images, clash] });
    expect(() => secretPlans(plans)).toThrow(/"weather\/api_key" is declared differently/);
  });
});
