import { Construct } from 'constructs';
import type { AwsContext } from '../stacks/voyager-stack.js';
import { names } from '../config/names.js';
import { VoyagerRole } from './iam-role.js';

/** The props of {@link TaskRoles}. */
export interface TaskRolesProps {
  readonly env: string;
  readonly aws: AwsContext;
  /** ARNs of the ECR repositories the tasks pull from. */
  readonly repositoryArns: readonly string[];
  /** ARNs of the task log groups. */
  readonly logGroupArns: readonly string[];
  /** `/voyager/<env>`: the execution role reads every parameter below it (container secrets). */
  readonly parameterPrefix: string;
  readonly landingBucketArn: string;
  /** Key prefix of the landing zone (no slashes), e.g. `landing`. */
  readonly landingPrefix: string;
  /** ARN of the Strava refresh-token parameter, the only one tasks may write. */
  readonly refreshTokenParameterArn: string;
}

const ECS_TASKS = { type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] } as const;

/**
 * The two roles of every Voyager task. The execution role is ECS's: pull the image, write logs,
 * read the `/voyager/<env>/*` parameters injected as secrets. The task role is the code's: read
 * and write the landing prefix only, read the Strava parameters, and `ssm:PutParameter` on the
 * rotating refresh token only (Strava issues a new one on refresh).
 */
export class TaskRoles extends Construct {
  readonly executionRole: VoyagerRole;
  readonly taskRole: VoyagerRole;

  constructor(scope: Construct, id: string, props: TaskRolesProps) {
    super(scope, id);
    const { partition, region, accountId } = props.aws;
    const paramArn = (path: string): string => `arn:${partition}:ssm:${region}:${accountId}:parameter${path}`;
    const trust = [{ sid: 'EcsTasks', actions: ['sts:AssumeRole'], principals: [ECS_TASKS] }];
    const permissionsBoundary = names.boundaryPolicyArn(props.env, props.aws);
    this.executionRole = new VoyagerRole(this, 'execution', {
      name: `voyager-task-execution-${props.env}`,
      description: 'ECS task execution: pull Voyager images, write their logs, read /voyager parameters',
      trust,
      permissionsBoundary,
      statements: [
        // The one action ECR cannot scope to a repository: the registry login token.
        { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
        {
          sid: 'EcrPull',
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          resources: [...props.repositoryArns],
        },
        {
          sid: 'Logs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: props.logGroupArns.map((arn) => `${arn}:*`),
        },
        {
          sid: 'ReadParameters',
          actions: ['ssm:GetParameters', 'ssm:GetParameter'],
          resources: [paramArn(`${props.parameterPrefix}/*`)],
        },
      ],
    });
    const landing = `${props.landingBucketArn}/${props.landingPrefix}/*`;
    this.taskRole = new VoyagerRole(this, 'task', {
      name: `voyager-task-${props.env}`,
      description: 'Voyager asset code: landing prefix read/write, Strava parameters, refresh-token rotation',
      trust,
      permissionsBoundary,
      statements: [
        {
          sid: 'ListLandingPrefix',
          actions: ['s3:ListBucket'],
          resources: [props.landingBucketArn],
          conditions: [
            {
              test: 'StringLike',
              variable: 's3:prefix',
              values: [props.landingPrefix, `${props.landingPrefix}/*`],
            },
          ],
        },
        {
          sid: 'ReadWriteLandingPrefix',
          // DeleteObject: the landing writer clears its own batch prefix before writing, because an
          // Airflow retry reuses the run id.
          actions: [
            's3:GetObject',
            's3:PutObject',
            's3:DeleteObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          resources: [landing],
        },
        {
          sid: 'ReadStravaParameters',
          actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          resources: [
            paramArn(`${props.parameterPrefix}/strava`),
            paramArn(`${props.parameterPrefix}/strava/*`),
          ],
        },
        {
          sid: 'RotateRefreshToken',
          actions: ['ssm:PutParameter'],
          resources: [props.refreshTokenParameterArn],
        },
      ],
    });
  }
}
