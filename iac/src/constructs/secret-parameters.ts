import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import type { SecretPlan } from '../config/secret-plan.js';

/** Placeholder every secret starts with; set the real value with `aws ssm put-parameter --overwrite`. */
export const PLACEHOLDER = 'set-me';

/** The props of {@link SecretParameters}. */
export interface SecretParametersProps {
  /** `/voyager/<env>`. */
  readonly prefix: string;
  /** The parameters to create (see `secretPlans`): the images' declared secrets. */
  readonly secrets: readonly SecretPlan[];
}

/**
 * SSM SecureString parameters for the secrets the images declare (and the warehouse URL).
 * Terraform creates them with a placeholder and then ignores the value (`ignore_changes`), so real
 * secrets never enter the code, and a token a container rotates is not reset by the next apply.
 */
export class SecretParameters extends Construct {
  /** Full parameter names by parameter path, e.g. `strava/refresh_token` -> `/voyager/prod/strava/refresh_token`. */
  readonly names: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: SecretParametersProps) {
    super(scope, id);
    const names = new Map<string, string>();
    for (const secret of props.secrets) {
      const name = `${props.prefix}/${secret.parameter}`;
      new SsmParameter(this, secret.parameter.replaceAll('/', '-').replaceAll('_', '-'), {
        name,
        type: 'SecureString',
        value: PLACEHOLDER,
        description: `${secret.description} (${secret.rotates ? 'rotated by' : 'injected as ' + secret.env + ' into'} ${secret.images.join(', ')}); the value is managed outside Terraform`,
        lifecycle: { ignoreChanges: ['value'] },
        tags: { images: secret.images.join(' '), rotates: String(secret.rotates) },
      });
      names.set(secret.parameter, name);
    }
    this.names = names;
  }
}
