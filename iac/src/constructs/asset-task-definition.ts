import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import type { ImagePlan } from '../config/image-plan.js';

/** The props of {@link AssetTaskDefinition}. */
export interface AssetTaskDefinitionProps {
  readonly plan: ImagePlan;
  /** Task definition family, `voyager-<image>-<env>`; also the RunTask `taskDefinition`. */
  readonly family: string;
  /** Log group name, `/voyager/<env>/<image>`. */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  readonly region: string;
  /** Full image reference, `<repository url>:<tag>`. */
  readonly imageUri: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** Plain environment of the container. */
  readonly environment: Readonly<Record<string, string>>;
  /** Environment variable -> SSM parameter ARN, injected by ECS at start (never in the task definition). */
  readonly secrets: Readonly<Record<string, string>>;
}

/**
 * The Fargate task definition of one image, plus its log group. The container is named after the
 * image; its command is the image's entry point, and the Airflow operator appends
 * `materialize <key> --partition P --run-id R` through a container override. Logs go to
 * `<logGroupName>` with stream prefix `<image>`, so a task's stream is `<image>/<image>/<task id>`.
 */
export class AssetTaskDefinition extends Construct {
  readonly family: string;
  readonly arn: string;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly containerName: string;

  constructor(scope: Construct, id: string, props: AssetTaskDefinitionProps) {
    super(scope, id);
    const name = props.plan.image.name;
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
    });
    const container = {
      name,
      image: props.imageUri,
      essential: true,
      command: [...props.plan.image.command],
      environment: Object.entries(props.environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, value]) => ({ name: k, value })),
      secrets: Object.entries(props.secrets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, valueFrom]) => ({ name: k, valueFrom })),
      readonlyRootFilesystem: false,
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': props.logGroupName,
          'awslogs-region': props.region,
          'awslogs-stream-prefix': name,
        },
      },
    };
    const def = new EcsTaskDefinition(this, 'task', {
      family: props.family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.plan.size.cpu),
      memory: String(props.plan.size.memoryMiB),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containerDefinitions: JSON.stringify([container]),
      tags: { image: name },
      dependsOn: [logGroup],
    });
    this.family = def.family;
    this.arn = def.arn;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.containerName = name;
  }
}
