import { Construct } from 'constructs';
import type { AwsContext } from '../stacks/voyager-stack.js';
import { VoyagerRole } from './iam-role.js';
import type { PolicyStatement } from './policy-document.js';

/** The props of {@link MwaaExecutionRole}. */
export interface MwaaExecutionRoleProps {
  readonly roleName: string;
  /** MWAA environment name (its own log groups are `airflow-<name>-*`). */
  readonly environmentName: string;
  readonly aws: AwsContext;
  readonly bucketArn: string;
  readonly clusterArn: string;
  /** Cluster name, for task ARNs `task/<cluster>/<id>`. */
  readonly clusterName: string;
  /** Task definition families the operator may run (any revision). */
  readonly taskFamilies: readonly string[];
  /** The two roles RunTask passes to ECS: execution and task role. */
  readonly passRoleArns: readonly string[];
  /** Task log group ARNs, read so task logs show in the Airflow UI. */
  readonly taskLogGroupArns: readonly string[];
  /** `/voyager/<env>/airflow`: Variables and Connections of the SSM secrets backend. */
  readonly airflowParameterPrefix: string;
  /** ARN of the Voyager permissions boundary (`names.boundaryPolicyArn`). */
  readonly permissionsBoundary: string;
}

/**
 * The MWAA execution role: AWS's documented baseline for an environment (its bucket, its log
 * groups, its Celery queues, metrics), plus what the Voyager operators do: `ecs:RunTask` on our
 * task definitions only, `iam:PassRole` on our two task roles only, reading our task logs, and the
 * Airflow Variables under the SSM prefix.
 */
export class MwaaExecutionRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: MwaaExecutionRoleProps) {
    super(scope, id);
    const { partition, region, accountId } = props.aws;
    const arn = (service: string, resource: string, acct: string = accountId): string =>
      `arn:${partition}:${service}:${region}:${acct}:${resource}`;
    const clusterCondition = { test: 'ArnEquals', variable: 'ecs:cluster', values: [props.clusterArn] };
    const statements: PolicyStatement[] = [
      {
        sid: 'PublishMetrics',
        actions: ['airflow:PublishMetrics'],
        resources: [arn('airflow', `environment/${props.environmentName}`)],
      },
      {
        sid: 'ReadBucket',
        actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        resources: [props.bucketArn, `${props.bucketArn}/*`],
      },
      // MWAA checks that its bucket is not public; the action has no resource type.
      { sid: 'PublicAccessCheck', actions: ['s3:GetAccountPublicAccessBlock'], resources: ['*'] },
      {
        sid: 'OwnLogs',
        actions: [
          'logs:CreateLogStream',
          'logs:CreateLogGroup',
          'logs:PutLogEvents',
          'logs:GetLogEvents',
          'logs:GetLogRecord',
          'logs:GetLogGroupFields',
          'logs:GetQueryResults',
        ],
        resources: [arn('logs', `log-group:airflow-${props.environmentName}-*`)],
      },
      {
        sid: 'DescribeLogGroups',
        actions: ['logs:DescribeLogGroups'],
        resources: [arn('logs', 'log-group:*')],
      },
      // PutMetricData has no resource type; the namespace condition is the only scoping AWS offers.
      {
        sid: 'Metrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['AmazonMWAA'] }],
      },
      {
        sid: 'CeleryQueues',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
          'sqs:SendMessage',
        ],
        // The queues live in an AWS-owned account, hence any account.
        resources: [arn('sqs', 'airflow-celery-*', '*')],
      },
      {
        sid: 'CeleryQueueEncryption',
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:Encrypt'],
        notResources: [`arn:${partition}:kms:*:${accountId}:key/*`],
        conditions: [
          { test: 'StringLike', variable: 'kms:ViaService', values: [`sqs.${region}.amazonaws.com`] },
        ],
      },
      {
        sid: 'RunVoyagerTasks',
        actions: ['ecs:RunTask'],
        resources: props.taskFamilies.map((f) => arn('ecs', `task-definition/${f}:*`)),
        conditions: [clusterCondition],
      },
      {
        sid: 'WatchVoyagerTasks',
        actions: ['ecs:DescribeTasks', 'ecs:StopTask'],
        resources: [arn('ecs', `task/${props.clusterName}/*`)],
        conditions: [clusterCondition],
      },
      // reattach=True looks for the running task it started (ListTasks with startedBy); ListTasks
      // is authorized on the cluster's container-instance ARNs, with the cluster as condition.
      {
        sid: 'FindVoyagerTasks',
        actions: ['ecs:ListTasks'],
        resources: [arn('ecs', `container-instance/${props.clusterName}/*`)],
        conditions: [clusterCondition],
      },
      {
        sid: 'PassTaskRoles',
        actions: ['iam:PassRole'],
        resources: [...props.passRoleArns],
        conditions: [
          { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] },
        ],
      },
      {
        sid: 'ReadTaskLogs',
        actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogStreams'],
        resources: props.taskLogGroupArns.flatMap((a) => [a, `${a}:*`]),
      },
      {
        sid: 'AirflowVariables',
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: [arn('ssm', `parameter${props.airflowParameterPrefix}/*`)],
      },
    ];
    const role = new VoyagerRole(this, 'role', {
      name: props.roleName,
      description: 'MWAA execution role: the environment baseline plus running Voyager tasks on ECS',
      trust: [
        {
          sid: 'Mwaa',
          actions: ['sts:AssumeRole'],
          principals: [
            { type: 'Service', identifiers: ['airflow.amazonaws.com', 'airflow-env.amazonaws.com'] },
          ],
        },
      ],
      statements,
      permissionsBoundary: props.permissionsBoundary,
    });
    this.arn = role.arn;
  }
}
