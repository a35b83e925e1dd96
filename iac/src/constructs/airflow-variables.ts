import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';

/** The props of {@link AirflowVariables}. */
export interface AirflowVariablesProps {
  /** `/voyager/<env>/airflow/variables`: the `variables_prefix` of the SSM secrets backend. */
  readonly prefix: string;
  /** Variable name -> value (strings; lists as JSON arrays). */
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Airflow Variables as SSM SecureString parameters under the secrets backend's `variables_prefix`,
 * so `Variable.get('voyager_ecs_cluster')` in the operator plugin reads what Terraform created.
 * They are plain configuration (names and ids), but SecureString costs nothing (the AWS-managed
 * `aws/ssm` key; the secrets backend always reads with decryption) and keeps one rule for every
 * parameter: encrypted (checkov CKV2_AWS_34).
 */
export class AirflowVariables extends Construct {
  /** Full parameter names by variable name. */
  readonly parameterNames: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AirflowVariablesProps) {
    super(scope, id);
    const names: Record<string, string> = {};
    for (const [name, value] of Object.entries(props.variables).sort(([a], [b]) => a.localeCompare(b))) {
      const param = new SsmParameter(this, name.replaceAll('_', '-'), {
        name: `${props.prefix}/${name}`,
        type: 'SecureString',
        value,
        description: `Airflow Variable ${name}, written by Terraform from the Voyager stacks`,
      });
      names[name] = param.name;
    }
    this.parameterNames = names;
  }
}
