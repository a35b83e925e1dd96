import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';

/** Placeholder every secret starts with; set the real value with `aws ssm put-parameter --overwrite`. */
export const PLACEHOLDER = 'set-me';

/** The secrets of an environment, by relative path under `/voyager/<env>/`. */
export const SECRET_PATHS = {
  stravaClientId: 'strava/client_id',
  stravaClientSecret: 'strava/client_secret',
  stravaRefreshToken: 'strava/refresh_token',
  databaseUrl: 'warehouse/database_url',
} as const;

/** The props of {@link SecretParameters}. */
export interface SecretParametersProps {
  /** `/voyager/<env>`. */
  readonly prefix: string;
}

/**
 * SSM SecureString parameters for the Strava credentials and the warehouse URL. Terraform creates
 * them with a placeholder and then ignores the value (`ignore_changes`), so real secrets never
 * enter the code, and the refresh token that extract rotates is not reset by the next apply.
 */
export class SecretParameters extends Construct {
  /** Full parameter names, e.g. `/voyager/prod/strava/refresh_token`. */
  readonly names: { readonly [K in keyof typeof SECRET_PATHS]: string };
  /** Parameter ARNs (Terraform tokens). */
  readonly arns: { readonly [K in keyof typeof SECRET_PATHS]: string };

  constructor(scope: Construct, id: string, props: SecretParametersProps) {
    super(scope, id);
    const names: Record<string, string> = {};
    const arns: Record<string, string> = {};
    for (const [key, path] of Object.entries(SECRET_PATHS)) {
      const name = `${props.prefix}/${path}`;
      const param = new SsmParameter(this, path.replaceAll('/', '-').replaceAll('_', '-'), {
        name,
        type: 'SecureString',
        value: PLACEHOLDER,
        description: `Voyager secret ${path}; the value is managed outside Terraform`,
        lifecycle: { ignoreChanges: ['value'] },
      });
      names[key] = name;
      arns[key] = param.arn;
    }
    this.names = names as SecretParameters['names'];
    this.arns = arns as SecretParameters['arns'];
  }
}
