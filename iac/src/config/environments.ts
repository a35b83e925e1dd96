import { readEnvironment, type EnvironmentSource } from '@voyager/orchestration';
import type { EnvironmentConfig } from './environment-config.js';
import { environmentConfig, EnvironmentConfigError } from './environment-config.js';
import { DEFAULT_GITHUB_REPOSITORY, IacEnvironment } from './iac-environment.js';

/** The process environment variables {@link voyagerEnvironments} reads: {@link IacEnvironment}. */
export type IacEnv = EnvironmentSource;

/**
 * The environments `iac/main.ts` deploys, as committed config plus a few process variables
 * (the image tag changes with every build, the repository with every fork).
 *
 * @throws EnvironmentConfigError naming the bad field or variable.
 */
export function voyagerEnvironments(env: IacEnv): readonly EnvironmentConfig[] {
  const vars = readEnvironment(IacEnvironment, env, (problems) => {
    const [variable = 'environment', ...reason] = (problems[0] ?? '').split(': ');
    return new EnvironmentConfigError(reason.join(': '), variable);
  });
  const [owner, repo] = (
    vars.VOYAGER_GITHUB_REPOSITORY ??
    vars.GITHUB_REPOSITORY ??
    DEFAULT_GITHUB_REPOSITORY
  ).split('/') as [string, string];
  const github = { owner, repo, applyEnvironment: 'production' };
  const mwaa = vars.VOYAGER_MWAA === 'true';
  return [
    environmentConfig({
      name: 'prod',
      region: 'eu-west-1',
      github,
      network: {
        vpcCidr: '10.40.0.0/16',
        publicSubnetCidrs: ['10.40.0.0/20', '10.40.16.0/20'],
        privateSubnetCidrs: ['10.40.128.0/20', '10.40.144.0/20'],
        taskSubnets: 'public',
        // MWAA's private subnets must reach AWS APIs and PyPI (requirements.txt): a NAT does both.
        privateEgress: mwaa ? 'nat' : 'none',
      },
      backend: { kind: 's3', bucket: 'voyager-terraform-state', region: 'eu-west-1', keyPrefix: 'voyager' },
      features: { mwaa },
      ...(vars.VOYAGER_IMAGE_TAG ? { imageTag: vars.VOYAGER_IMAGE_TAG } : {}),
    }),
  ];
}
