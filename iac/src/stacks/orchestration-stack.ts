import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import type { ImagePlan } from '../config/image-plan.js';
import { names } from '../config/names.js';
import { operatorVariables } from '../config/operator-variables.js';
import { AirflowVariables } from '../constructs/airflow-variables.js';
import { MwaaEnvironment } from '../constructs/mwaa-environment.js';
import { MwaaExecutionRole } from '../constructs/mwaa-execution-role.js';
import { NetworkLookup } from '../constructs/network-lookup.js';
import { VoyagerStack } from './voyager-stack.js';

/**
 * `voyager-orchestration-<env>` (flag `mwaa`): the MWAA environment, its execution role, and the
 * operator plugin's Airflow Variables as SSM parameters under `/voyager/<env>/airflow/variables`.
 */
export class OrchestrationStack extends VoyagerStack {
  readonly mwaa: MwaaEnvironment;
  readonly variables: AirflowVariables;

  constructor(scope: Construct, config: EnvironmentConfig, plans: readonly ImagePlan[]) {
    super(scope, 'orchestration', config);
    const env = config.name;
    const aws = this.aws;
    const name = names.mwaaEnvironment(env);
    const airflowPrefix = `${names.parameterPrefix(env)}/airflow`;
    const bucketArn = names.bucketArn(aws, names.airflowBucket(env, aws));
    const network = new NetworkLookup(this, 'network', {
      networkName: names.physical(env, 'network'),
      taskSubnetsPublic: config.network.taskSubnets === 'public',
    });
    const role = new MwaaExecutionRole(this, 'execution-role', {
      roleName: names.physical(env, 'mwaa'),
      environmentName: name,
      aws,
      bucketArn,
      clusterArn: names.arn(aws, 'ecs', `cluster/${names.cluster(env)}`),
      clusterName: names.cluster(env),
      permissionsBoundary: names.boundaryPolicyArn(env, aws),
      taskFamilies: plans.map((p) => names.taskFamily(env, p.image.name)),
      passRoleArns: [`voyager-task-execution-${env}`, `voyager-task-${env}`].map(
        (r) => `arn:${aws.partition}:iam::${aws.accountId}:role/${r}`,
      ),
      taskLogGroupArns: plans.map((p) =>
        names.arn(aws, 'logs', `log-group:${names.logGroup(env, p.image.name)}`),
      ),
      airflowParameterPrefix: airflowPrefix,
    });
    this.variables = new AirflowVariables(this, 'variables', {
      prefix: `${airflowPrefix}/variables`,
      variables: operatorVariables(env, config.region, plans, {
        subnetIds: network.taskSubnetIds,
        securityGroupIds: [network.taskSecurityGroupId],
        assignPublicIp: config.network.taskSubnets === 'public',
      }),
    });
    this.mwaa = new MwaaEnvironment(this, 'mwaa', {
      name,
      airflowVersion: config.mwaa.airflowVersion,
      environmentClass: config.mwaa.environmentClass,
      executionRoleArn: role.arn,
      bucketArn,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      airflowParameterPrefix: airflowPrefix,
    });
    new TerraformOutput(this, 'mwaa_webserver_url', { value: this.mwaa.webserverUrl });
  }
}
