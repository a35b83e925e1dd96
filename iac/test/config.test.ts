import { describe, expect, it } from 'vitest';
import { EnvironmentConfigError, environmentConfig, stackOrder, voyagerEnvironments } from '@voyager/iac';
import { fargateSize } from '../src/config/fargate-size.js';
import { imagePlans } from '../src/config/image-plan.js';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';

describe('environmentConfig', () => {
  it('applies the defaults and freezes the result', () => {
    const c = environmentConfig(testEnvironment());
    expect(c).toMatchObject({
      keepImages: 20,
      logRetentionDays: 365,
      landingPrefix: 'landing',
      features: { mwaa: false },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [{ name: 'Prod' }, 'name'],
    [{ logRetentionDays: 42 }, 'logRetentionDays'],
    [{ keepImages: 0 }, 'keepImages'],
    [{ imageTag: 'a:b' }, 'imageTag'],
    [{ features: { mwaa: true } }, 'features.mwaa'],
  ] as const)('rejects %j naming %s', (override, field) => {
    expect(() => environmentConfig(testEnvironment(override))).toThrow(
      expect.objectContaining({ name: 'EnvironmentConfigError', field }),
    );
  });

  it('rejects private tasks without a NAT and a malformed CIDR', () => {
    const network = testEnvironment().network;
    expect(() =>
      environmentConfig(testEnvironment({ network: { ...network, taskSubnets: 'private' } })),
    ).toThrow(EnvironmentConfigError);
    expect(() =>
      environmentConfig(testEnvironment({ network: { ...network, vpcCidr: '10.0.0/16' } })),
    ).toThrow(/network.vpcCidr/);
  });

  it('reads the repository, image tag and mwaa flag from the process environment', () => {
    const [prod] = voyagerEnvironments({
      GITHUB_REPOSITORY: 'someone/fork',
      VOYAGER_IMAGE_TAG: 'deadbeef',
      VOYAGER_MWAA: 'true',
    });
    expect(prod).toMatchObject({
      name: 'prod',
      github: { owner: 'someone', repo: 'fork' },
      imageTag: 'deadbeef',
      features: { mwaa: true },
      network: { privateEgress: 'nat' },
    });
    expect(() => voyagerEnvironments({ VOYAGER_GITHUB_REPOSITORY: 'not a repo' })).toThrow(
      'environment config: VOYAGER_GITHUB_REPOSITORY: is not owner/repo',
    );
    // a flag that is neither true nor false is named, not read as false
    expect(() => voyagerEnvironments({ VOYAGER_MWAA: 'yes' })).toThrow(/^environment config: VOYAGER_MWAA: /);
    expect(() => voyagerEnvironments({ VOYAGER_IMAGE_TAG: 'a b' })).toThrow(
      'environment config: VOYAGER_IMAGE_TAG: is not a Docker image tag',
    );
  });
});

describe('fargateSize', () => {
  it.each([
    [
      { cpu: 256, memoryMiB: 512 },
      { cpu: 256, memoryMiB: 512 },
    ],
    [
      { cpu: 300, memoryMiB: 600 },
      { cpu: 512, memoryMiB: 1024 },
    ],
    [
      { cpu: 256, memoryMiB: 4096 },
      { cpu: 512, memoryMiB: 4096 },
    ],
    [
      { cpu: 1024, memoryMiB: 2500 },
      { cpu: 1024, memoryMiB: 3072 },
    ],
    [
      { cpu: 8192, memoryMiB: 16385 },
      { cpu: 8192, memoryMiB: 20480 },
    ],
  ])('rounds %j up to %j', (requested, expected) => {
    expect(fargateSize(requested)).toEqual(expected);
  });

  it('rejects what Fargate cannot run', () => {
    expect(() => fargateSize({ cpu: 32768, memoryMiB: 1024 })).toThrow(RangeError);
    expect(() => fargateSize({ cpu: 0, memoryMiB: 1024 })).toThrow(RangeError);
  });
});

describe('imagePlans', () => {
  it('sizes each image from the largest of its default and its assets', () => {
    const plans = imagePlans(fakeDefinitions());
    expect(plans.map((p) => [p.image.name, p.size, p.assetKeys])).toEqual([
      ['dbt', { cpu: 256, memoryMiB: 512 }, ['marts/fct_activities']],
      ['extract', { cpu: 256, memoryMiB: 512 }, ['landing/strava/activities']],
      // raw/strava_activities asks for 3000 MiB: 512 cpu allows up to 4096 in 1024 steps.
      ['load', { cpu: 512, memoryMiB: 3072 }, ['raw/strava_activities']],
    ]);
  });
});

describe('stackOrder', () => {
  const manifest = {
    stacks: {
      c: { name: 'c-prod', dependencies: ['a-prod', 'b-prod'] },
      a: { name: 'a-prod', dependencies: [] },
      b: { name: 'b-prod', dependencies: ['a-prod'] },
      d: { name: 'a-dev', dependencies: [] },
    },
  };

  it('puts every stack after its dependencies and filters by environment', () => {
    expect(stackOrder(manifest)).toEqual(['a-prod', 'b-prod', 'c-prod', 'a-dev']);
    expect(stackOrder(manifest, 'prod')).toEqual(['a-prod', 'b-prod', 'c-prod']);
  });

  it('names a cycle', () => {
    expect(() =>
      stackOrder({
        stacks: { a: { name: 'a', dependencies: ['b'] }, b: { name: 'b', dependencies: ['a'] } },
      }),
    ).toThrow(/cycle among: a, b/);
  });
});
