/**
 * The typed configuration of one deployment environment (`prod`, `staging`, ...). Everything the
 * stacks need that is not in the asset graph lives here; {@link environmentConfig} validates it.
 */

/** Where ECS tasks run and how private subnets reach the internet and AWS APIs. */
export interface NetworkConfig {
  /** VPC CIDR, e.g. `10.40.0.0/16`. */
  readonly vpcCidr: string;
  /** Two public subnet CIDRs, one per availability zone. */
  readonly publicSubnetCidrs: readonly [string, string];
  /** Two private subnet CIDRs, one per availability zone (MWAA always runs there). */
  readonly privateSubnetCidrs: readonly [string, string];
  /**
   * `public` (default, no NAT cost): tasks run in the public subnets with a public IP behind an
   * egress-only security group. `private`: tasks run in the private subnets (needs `privateEgress`).
   */
  readonly taskSubnets: 'public' | 'private';
  /**
   * How the private subnets reach out: `none` (default), `nat` (one NAT gateway, about 35 USD a month
   * plus traffic; reaches Strava and Supabase) or `endpoints` (VPC endpoints for S3, ECR, logs, SSM,
   * SQS and monitoring; AWS APIs only, about 7 USD a month each per AZ).
   */
  readonly privateEgress: 'none' | 'nat' | 'endpoints';
}

/** The Terraform state backend of every stack. */
export type BackendConfig =
  | {
      /** S3 backend (default) with a lock file next to the state (Terraform >= 1.10, `use_lockfile`). */
      readonly kind: 's3';
      /** Pre-existing, versioned bucket (bootstrap it once, see iac/README.md). */
      readonly bucket: string;
      readonly region: string;
      /** Key prefix; the state of stack `voyager-network-prod` is `<prefix>/voyager-network-prod.tfstate`. */
      readonly keyPrefix: string;
    }
  | {
      /** The `remote` backend: HCP Terraform (`app.terraform.io`) or Scalr (`<account>.scalr.io`). */
      readonly kind: 'remote';
      readonly hostname: string;
      readonly organization: string;
      /** Workspace per stack: `<prefix><stack name>`, e.g. `voyager-network-prod`. Default empty. */
      readonly workspacePrefix?: string;
    };

/** The options of {@link environmentConfig}. */
export interface EnvironmentConfig {
  /** Short lowercase name used in every physical name: `voyager-<component>-<env>`. */
  readonly name: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** The repository whose workflows may assume the deploy and plan roles. */
  readonly github: { readonly owner: string; readonly repo: string; readonly applyEnvironment: string };
  readonly network: NetworkConfig;
  readonly backend: BackendConfig;
  /** Feature flags. `mwaa` (default false) creates the MWAA environment, about 350 USD a month for mw1.small. */
  readonly features: { readonly mwaa: boolean };
  /** Tag every task definition runs (commit SHA pushed by images.yml); see iac/README.md. */
  readonly imageTag: string;
  /** Images kept per ECR repository; default 20. */
  readonly keepImages: number;
  /** CloudWatch log retention, in days; default 365 (a year of task logs costs cents). */
  readonly logRetentionDays: number;
  /** Key prefix of the landing zone inside the landing bucket; default `landing`. */
  readonly landingPrefix: string;
  /** MWAA: `mw1.micro` | `mw1.small` | ...; default `mw1.small`. Airflow version default `3.0.6`. */
  readonly mwaa: { readonly environmentClass: string; readonly airflowVersion: string };
}

/** Thrown for an environment config that cannot be deployed; names the field. */
export class EnvironmentConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(`environment config: ${field}: ${message}`);
    this.name = 'EnvironmentConfigError';
  }
}

/** The fields of {@link EnvironmentConfig} that have defaults. */
type Defaulted = 'features' | 'imageTag' | 'keepImages' | 'logRetentionDays' | 'landingPrefix' | 'mwaa';

/** What callers write: {@link EnvironmentConfig} with its defaulted fields optional. */
export type EnvironmentConfigInput = Omit<EnvironmentConfig, Defaulted> &
  Partial<Pick<EnvironmentConfig, Defaulted>>;

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/;
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653];

/**
 * Applies the defaults and validates an environment (frozen result).
 *
 * ### Examples
 * ```ts
 * const prod = environmentConfig({ name: 'prod', region: 'eu-west-1', github, network, backend });
 * ```
 *
 * @throws EnvironmentConfigError for a bad name, CIDR, retention, or `mwaa` / private tasks without private egress.
 */
export function environmentConfig(input: EnvironmentConfigInput): EnvironmentConfig {
  const config: EnvironmentConfig = {
    features: { mwaa: false },
    imageTag: 'latest',
    keepImages: 20,
    logRetentionDays: 365,
    landingPrefix: 'landing',
    mwaa: { environmentClass: 'mw1.small', airflowVersion: '3.0.6' },
    ...input,
  };
  if (!/^[a-z][a-z0-9]{1,11}$/.test(config.name)) {
    throw new EnvironmentConfigError(`"${config.name}" must be 2-12 lowercase letters or digits`, 'name');
  }
  const n = config.network;
  for (const [field, cidr] of [
    ['network.vpcCidr', n.vpcCidr],
    ...n.publicSubnetCidrs.map((c) => ['network.publicSubnetCidrs', c] as const),
    ...n.privateSubnetCidrs.map((c) => ['network.privateSubnetCidrs', c] as const),
  ] as const) {
    if (!CIDR.test(cidr)) throw new EnvironmentConfigError(`"${cidr}" is not an IPv4 CIDR`, field);
  }
  if (n.taskSubnets === 'private' && n.privateEgress !== 'nat') {
    throw new EnvironmentConfigError(
      'private tasks need privateEgress "nat" (extract calls the Strava API)',
      'network.taskSubnets',
    );
  }
  if (config.features.mwaa && n.privateEgress === 'none') {
    throw new EnvironmentConfigError(
      'MWAA runs in private subnets: set "nat" or "endpoints"',
      'features.mwaa',
    );
  }
  if (!RETENTION_DAYS.includes(config.logRetentionDays)) {
    throw new EnvironmentConfigError(
      `${config.logRetentionDays} is not a CloudWatch retention`,
      'logRetentionDays',
    );
  }
  if (!Number.isInteger(config.keepImages) || config.keepImages < 1) {
    throw new EnvironmentConfigError('must be an integer >= 1', 'keepImages');
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(config.landingPrefix)) {
    throw new EnvironmentConfigError('one lowercase path segment without slashes', 'landingPrefix');
  }
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(config.imageTag)) {
    throw new EnvironmentConfigError(`"${config.imageTag}" is not a Docker tag`, 'imageTag');
  }
  return Object.freeze(config);
}
