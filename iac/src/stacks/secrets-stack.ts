import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import type { ImagePlan } from '../config/image-plan.js';
import { names } from '../config/names.js';
import { secretPlans } from '../config/secret-plan.js';
import { SecretParameters } from '../constructs/secret-parameters.js';
import { VoyagerStack } from './voyager-stack.js';

/**
 * `voyager-secrets-<env>`: one SecureString parameter under `/voyager/<env>/` per secret the
 * images of the graph declare (plus the warehouse URL), values managed outside Terraform.
 */
export class SecretsStack extends VoyagerStack {
  readonly parameters: SecretParameters;
  /** `/voyager/<env>`. */
  readonly prefix: string;

  constructor(scope: Construct, config: EnvironmentConfig, plans: readonly ImagePlan[]) {
    super(scope, 'secrets', config);
    this.prefix = names.parameterPrefix(config.name);
    this.parameters = new SecretParameters(this, 'parameters', {
      prefix: this.prefix,
      secrets: secretPlans(plans),
    });
  }
}
