import type { EnvironmentConfig } from './environment-config.js';
import { environmentConfig, EnvironmentConfigError } from './environment-config.js';

/** The process environment variables {@link voyagerEnvironments} reads. All optional. */
export interface IacEnv {
  /** `owner/repo` allowed to assume the roles; in Actions `GITHUB_REPOSITORY` is used. */
  readonly VOYAGER_GITHUB_REPOSITORY?: string;
  readonly GITHUB_REPOSITORY?: string;
  /** Image tag of every task definition (the commit SHA images.yml pushed); default `latest`. */
  readonly VOYAGER_IMAGE_TAG?: string;
  /** `true` turns the MWAA environment on (overrides the committed flag). */
  readonly VOYAGER_MWAA?: string;
}

/** Default repository when neither variable is set (local synth): change it to your fork. */
export const DEFAULT_GITHUB_REPOSITORY = 'voyager-data/voyager';

function githubRepository(env: IacEnv): { owner: string; repo: string } {
  const full = env.VOYAGER_GITHUB_REPOSITORY ?? env.GITHUB_REPOSITORY ?? DEFAULT_GITHUB_REPOSITORY;
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(full);
  if (!match) throw new EnvironmentConfigError(`"${full}" is not owner/repo`, 'VOYAGER_GITHUB_REPOSITORY');
  return { owner: match[1]!, repo: match[2]! };
}

/**
 * The environments `iac/main.ts` deploys, as committed config plus a few process variables
 * (the image tag changes with every build, the repository with every fork).
 *
 * @throws EnvironmentConfigError naming the bad field or variable.
 */
export function voyagerEnvironments(env: IacEnv): readonly EnvironmentConfig[] {
  const github = { ...githubRepository(env), applyEnvironment: 'production' };
  const mwaa = env.VOYAGER_MWAA === 'true';
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
      ...(env.VOYAGER_IMAGE_TAG ? { imageTag: env.VOYAGER_IMAGE_TAG } : {}),
    }),
  ];
}
