import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { names } from '../config/names.js';
import { SecretParameters } from '../constructs/secret-parameters.js';
import { VoyagerStack } from './voyager-stack.js';

/** `voyager-secrets-<env>`: the SecureString parameters under `/voyager/<env>/`, values managed outside Terraform. */
export class SecretsStack extends VoyagerStack {
  readonly parameters: SecretParameters;
  /** `/voyager/<env>`. */
  readonly prefix: string;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, 'secrets', config);
    this.prefix = names.parameterPrefix(config.name);
    this.parameters = new SecretParameters(this, 'parameters', { prefix: this.prefix });
  }
}
