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
  /** ARNs of the parameters ECS injects as container secrets: the execution role reads these only. */
  readonly injectedParameterArns: readonly string[];
  readonly landingBucketArn: string;
  /** Key prefix of the landing zone (no slashes), e.g. `landing`. */
  readonly landingPrefix: string;
  /**
   * ARNs of the parameters the containers rotate themselves (`rotates: true` in an image's
   * secrets, e.g. an OAuth refresh token): the task role reads and writes these, and no other.
   */
  readonly rotatingParameterArns: readonly string[];
}

const ECS_TASKS = { type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] } as const;

/**
 * The two roles of every Voyager task. The execution role is ECS's: pull the image, write logs,
 * read the parameters injected as secrets (and no others). The task role is the code's: read and
 * write the landing prefix only, and read and `ssm:PutParameter` the rotating parameters only
 * (e.g. Strava issues a new refresh token on every refresh).
 */
export class TaskRoles extends Construct {
  readonly executionRole: VoyagerRole;
  readonly taskRole: VoyagerRole;

  constructor(scope: Construct, id: string, props: TaskRolesProps) {
    super(scope, id);
    const trust = [{ sid: 'EcsTasks', actions: ['sts:AssumeRole'], principals: [ECS_TASKS] }];
    const permissionsBoundary = names.boundaryPolicyArn(props.env, props.aws);
    this.executionRole = new VoyagerRole(this, 'execution', {
      name: `voyager-task-execution-${props.env}`,
      description: 'ECS task execution: pull Voyager images, write their logs, read the injected parameters',
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
          resources: [...props.injectedParameterArns],
        },
      ],
    });
    const landing = `${props.landingBucketArn}/${props.landingPrefix}/*`;
    this.taskRole = new VoyagerRole(this, 'task', {
      name: `voyager-task-${props.env}`,
      description: 'Voyager asset code: landing prefix read/write, rotating parameters read/write',
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
        ...(props.rotatingParameterArns.length === 0
          ? []
          : [
              {
                sid: 'RotateParameters',
                actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter'],
                resources: [...props.rotatingParameterArns],
              },
            ]),
      ],
    });
  }
}
