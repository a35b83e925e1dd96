import type { AssetDefinition, Definitions, ImageDefinition } from '@voyager/orchestration';
import { asset, definitions, image } from '@voyager/orchestration';
import type { EnvironmentConfigInput } from '@voyager/iac';

/**
 * The three images of the product, with the sizes and secrets the root definitions.ts is expected
 * to declare (extract: the Strava and Google OAuth client credentials, the refresh tokens it
 * rotates, and the totesys operational database's URL).
 */
export const IMAGES: readonly ImageDefinition[] = [
  image({
    name: 'extract',
    description: 'Strava extract',
    dockerfile: 'docker/node-package.Dockerfile',
    command: ['node', 'extract/dist/main.js'],
    resources: { cpu: 256, memoryMiB: 512 },
    envPrefixes: ['STRAVA_'],
    secrets: [
      { env: 'STRAVA_CLIENT_ID', parameter: 'strava/client_id', description: 'Strava API application id' },
      { env: 'STRAVA_CLIENT_SECRET', parameter: 'strava/client_secret', description: 'Strava app secret' },
      {
        env: 'STRAVA_REFRESH_TOKEN',
        parameter: 'strava/refresh_token',
        description: 'Strava OAuth refresh token',
        rotates: true,
      },
      {
        env: 'GOOGLE_HEALTH_CLIENT_ID',
        parameter: 'google_health/client_id',
        description: 'Google client id',
      },
      {
        env: 'GOOGLE_HEALTH_CLIENT_SECRET',
        parameter: 'google_health/client_secret',
        description: 'Google client secret',
      },
      {
        env: 'GOOGLE_HEALTH_REFRESH_TOKEN',
        parameter: 'google_health/refresh_token',
        description: 'Google OAuth refresh token',
        rotates: true,
      },
      {
        env: 'VOYAGER_SOURCE_TOTESYS_URL',
        parameter: 'sources/totesys/url',
        description: 'Postgres URL of the totesys operational database',
      },
    ],
  }),
  image({
    name: 'load',
    description: 'landing -> warehouse',
    dockerfile: 'docker/node-package.Dockerfile',
    command: ['node', 'load/dist/main.js'],
    resources: { cpu: 512, memoryMiB: 1024 },
  }),
  image({
    name: 'dbt',
    description: 'dbt models',
    dockerfile: 'transformation/Dockerfile',
    command: ['node', 'orchestration/dist/dbt/main.js'],
    resources: { cpu: 256, memoryMiB: 512 },
  }),
];

const noop = async (): Promise<void> => undefined;

/** A small graph over {@link IMAGES}; `raw/strava_activities` asks for more memory than its image. */
export function fakeAssets(): AssetDefinition[] {
  const activities = asset({
    key: 'landing/strava/activities',
    description: 'pages',
    image: 'extract',
    materialize: noop,
  });
  const raw = asset({
    key: 'raw/strava_activities',
    description: 'One row per activity',
    image: 'load',
    deps: [activities],
    resources: { cpu: 512, memoryMiB: 3000 },
    materialize: noop,
  });
  const fct = asset({
    key: 'marts/fct_activities',
    description: 'One row per activity',
    image: 'dbt',
    deps: [raw],
    materialize: noop,
  });
  return [activities, raw, fct];
}

/** The code location of the tests; `extraImage` adds an image and one asset on it. */
export function fakeDefinitions(extraImage?: ImageDefinition): Definitions {
  const assets = fakeAssets();
  if (!extraImage) return definitions({ assets, images: IMAGES });
  const extra = asset({
    key: `landing/${extraImage.name.replaceAll('-', '_')}/things`,
    description: 'x',
    image: extraImage.name,
    materialize: noop,
  });
  return definitions({ assets: [...assets, extra], images: [...IMAGES, extraImage] });
}

/** A complete environment input, overridable per test. */
export function testEnvironment(overrides: Partial<EnvironmentConfigInput> = {}): EnvironmentConfigInput {
  return {
    name: 'test',
    region: 'eu-west-1',
    github: { owner: 'octo', repo: 'voyager', applyEnvironment: 'production' },
    network: {
      vpcCidr: '10.40.0.0/16',
      publicSubnetCidrs: ['10.40.0.0/20', '10.40.16.0/20'],
      privateSubnetCidrs: ['10.40.128.0/20', '10.40.144.0/20'],
      taskSubnets: 'public',
      privateEgress: 'none',
    },
    backend: { kind: 's3', bucket: 'state-bucket', region: 'eu-west-1', keyPrefix: 'voyager' },
    imageTag: 'abc123',
    ...overrides,
  };
}
