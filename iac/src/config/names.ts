import type { AwsContext } from '../stacks/voyager-stack.js';

/**
 * Physical names and ARNs of Voyager resources, derived from the environment name and the
 * account. Stacks compute the names of other stacks' resources here instead of reading them
 * through remote state: fewer cross-stack outputs, and a PR's plan does not depend on what the
 * other stacks have applied. Only network ids (not derivable) cross stacks as references.
 */
export const names = {
  /** `voyager-<component>-<env>`. */
  physical: (env: string, component: string): string => `voyager-${component}-${env}`,
  /** Landing bucket, `voyager-landing-<env>-<account>`. */
  landingBucket: (env: string, aws: AwsContext): string => `voyager-landing-${env}-${aws.accountId}`,
  /** MWAA bucket, `airflow-voyager-dags-<env>-<account>` (MWAA wants the `airflow-` prefix). */
  airflowBucket: (env: string, aws: AwsContext): string => `airflow-voyager-dags-${env}-${aws.accountId}`,
  /** ECR repository of an image, `voyager-<image>-<env>`. */
  repository: (env: string, image: string): string => `voyager-${image}-${env}`,
  /** Task definition family of an image, `voyager-<image>-<env>` (same as its repository). */
  taskFamily: (env: string, image: string): string => `voyager-${image}-${env}`,
  /** Log group of an image's tasks, `/voyager/<env>/<image>`. */
  logGroup: (env: string, image: string): string => `/voyager/${env}/${image}`,
  /** ECS cluster, `voyager-cluster-<env>`. */
  cluster: (env: string): string => `voyager-cluster-${env}`,
  /** MWAA environment, `voyager-airflow-<env>`. */
  mwaaEnvironment: (env: string): string => `voyager-airflow-${env}`,
  /** SSM prefix of the environment, `/voyager/<env>`. */
  parameterPrefix: (env: string): string => `/voyager/${env}`,
  /** Permissions boundary every Voyager role carries, `voyager-boundary-<env>`. */
  boundaryPolicy: (env: string): string => `voyager-boundary-${env}`,
  /** ARN of the permissions boundary (IAM ARNs have no region). */
  boundaryPolicyArn: (env: string, aws: AwsContext): string =>
    `arn:${aws.partition}:iam::${aws.accountId}:policy/voyager-boundary-${env}`,
  /** ARN of any resource of the account: `arn(aws, 'ecr', 'repository/x')`. */
  arn: (aws: AwsContext, service: string, resource: string): string =>
    `arn:${aws.partition}:${service}:${aws.region}:${aws.accountId}:${resource}`,
  /** S3 ARNs have no region and no account. */
  bucketArn: (aws: AwsContext, bucket: string): string => `arn:${aws.partition}:s3:::${bucket}`,
} as const;
