import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import type { EnvironmentConfig } from '../config/environment-config.js';
import type { ImagePlan } from '../config/image-plan.js';
import { names } from '../config/names.js';
import { operatorVariables } from '../config/operator-variables.js';
import { NetworkLookup } from '../constructs/network-lookup.js';
import { AssetTaskDefinition } from '../constructs/asset-task-definition.js';
import { imageSecrets, secretPlans, SSM_PREFIX_VARIABLE } from '../config/secret-plan.js';
import { TaskRoles } from '../constructs/task-roles.js';
import { VoyagerStack } from './voyager-stack.js';

/** The props of {@link ComputeStack}. */
export interface ComputeStackProps {
  readonly plans: readonly ImagePlan[];
}

/**
 * `voyager-compute-<env>`: the ECS cluster, the execution and task roles, and one Fargate task
 * definition plus log group per image. Each container gets its image's declared secrets (see
 * `secretPlans`): non-rotating ones injected by ECS as environment variables, rotating ones read
 * and written by the code under `VOYAGER_SSM_PREFIX`. Its outputs are the operator plugin's Variables
 * (see {@link operatorVariables}).
 */
export class ComputeStack extends VoyagerStack {
  readonly clusterArn: string;
  readonly roles: TaskRoles;
  /** Task definitions by image name. */
  readonly taskDefinitions: ReadonlyMap<string, AssetTaskDefinition>;
  /** The operator Variables, also emitted as outputs of the same names. */
  readonly variables: Readonly<Record<string, string>>;

  constructor(scope: Construct, config: EnvironmentConfig, props: ComputeStackProps) {
    super(scope, 'compute', config);
    const env = config.name;
    const cluster = new EcsCluster(this, 'cluster', {
      name: names.cluster(env),
      // Container Insights bills per metric; turn it on while sizing tasks, off the rest of the time.
      setting: [{ name: 'containerInsights', value: 'disabled' }],
    });
    const prefix = names.parameterPrefix(env);
    const paramArn = (path: string): string => names.arn(this.aws, 'ssm', `parameter${prefix}/${path}`);
    const secrets = secretPlans(props.plans);
    const landingBucket = names.landingBucket(env, this.aws);
    this.roles = new TaskRoles(this, 'roles', {
      env,
      aws: this.aws,
      repositoryArns: props.plans.map((p) =>
        names.arn(this.aws, 'ecr', `repository/${names.repository(env, p.image.name)}`),
      ),
      logGroupArns: props.plans.map((p) =>
        names.arn(this.aws, 'logs', `log-group:${names.logGroup(env, p.image.name)}`),
      ),
      injectedParameterArns: secrets.filter((s) => !s.rotates).map((s) => paramArn(s.parameter)),
      landingBucketArn: names.bucketArn(this.aws, landingBucket),
      landingPrefix: config.landingPrefix,
      rotatingParameterArns: secrets.filter((s) => s.rotates).map((s) => paramArn(s.parameter)),
    });
    const registry = `${this.aws.accountId}.dkr.ecr.${config.region}.amazonaws.com`;
    this.taskDefinitions = new Map(
      props.plans.map((plan) => [
        plan.image.name,
        new AssetTaskDefinition(this, `task-${plan.image.name}`, {
          plan,
          family: names.taskFamily(env, plan.image.name),
          logGroupName: names.logGroup(env, plan.image.name),
          logRetentionDays: config.logRetentionDays,
          region: config.region,
          imageUri: `${registry}/${names.repository(env, plan.image.name)}:${config.imageTag}`,
          executionRoleArn: this.roles.executionRole.arn,
          taskRoleArn: this.roles.taskRole.arn,
          environment: {
            VOYAGER_ENV: env,
            VOYAGER_LANDING_URL: `s3://${landingBucket}/${config.landingPrefix}`,
            [SSM_PREFIX_VARIABLE]: prefix,
            AWS_REGION: config.region,
          },
          // Rotating secrets are not injected: the container reads and writes
          // `${VOYAGER_SSM_PREFIX}/<parameter>` itself, so it always sees the newest value.
          secrets: Object.fromEntries(
            imageSecrets(plan)
              .filter((s) => !s.rotates)
              .map((s) => [s.env, paramArn(s.parameter)]),
          ),
        }),
      ]),
    );
    this.clusterArn = cluster.arn;
    const network = new NetworkLookup(this, 'network', {
      networkName: names.physical(env, 'network'),
      taskSubnetsPublic: config.network.taskSubnets === 'public',
    });
    this.variables = operatorVariables(env, config.region, props.plans, {
      subnetIds: network.taskSubnetIds,
      securityGroupIds: [network.taskSecurityGroupId],
      assignPublicIp: config.network.taskSubnets === 'public',
    });
    for (const [name, value] of Object.entries(this.variables)) {
      new TerraformOutput(this, name, {
        value,
        description: `Airflow Variable ${name} of the Voyager operator`,
      });
    }
  }
}
