import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import type { ImagePlan } from '../config/image-plan.js';
import { names } from '../config/names.js';
import { GithubOidcProvider } from '../constructs/github-oidc.js';
import { VoyagerRole } from '../constructs/iam-role.js';
import { boundedIamStatements, PermissionsBoundary } from '../constructs/permissions-boundary.js';
import type { PolicyStatement } from '../constructs/policy-document.js';
import { VoyagerStack } from './voyager-stack.js';

/**
 * `voyager-identity-<env>`: the GitHub OIDC provider and the roles workflows assume:
 * - deploy (`ref:refs/heads/main` only): push images to our repositories, sync the MWAA bucket,
 *   point MWAA at new plugins / requirements;
 * - plan (`pull_request` only): AWS `ReadOnlyAccess` plus reading the state, for `terraform plan`;
 * - apply (the `<applyEnvironment>` GitHub environment only, which has required reviewers):
 *   `PowerUserAccess` plus the listed IAM actions on `voyager-*` roles, granting ones only on roles
 *   that carry the permissions boundary `voyager-boundary-<env>`, which every Voyager role carries
 *   (so apply cannot make itself or another role admin).
 */
export class IdentityStack extends VoyagerStack {
  readonly deployRole: VoyagerRole;
  readonly planRole: VoyagerRole;
  readonly applyRole: VoyagerRole;

  constructor(scope: Construct, config: EnvironmentConfig, plans: readonly ImagePlan[]) {
    super(scope, 'identity', config);
    const env = config.name;
    const oidc = new GithubOidcProvider(this, 'github', config.github);
    const boundaryProps = {
      aws: this.aws,
      name: names.boundaryPolicy(env),
      arn: names.boundaryPolicyArn(env, this.aws),
    };
    // The roles take the policy's own ARN token, so Terraform creates the boundary first.
    const permissionsBoundary = new PermissionsBoundary(this, 'boundary', boundaryProps).arn;
    const iamArn = (resource: string): string =>
      `arn:${this.aws.partition}:iam::${this.aws.accountId}:${resource}`;
    const dags = names.bucketArn(this.aws, names.airflowBucket(env, this.aws));
    const landing = names.bucketArn(this.aws, names.landingBucket(env, this.aws));
    const deploy: PolicyStatement[] = [
      { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      {
        sid: 'EcrPush',
        actions: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:DescribeImages',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        resources: plans.map((p) =>
          names.arn(this.aws, 'ecr', `repository/${names.repository(env, p.image.name)}`),
        ),
      },
      { sid: 'ListDagBucket', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [dags] },
      {
        sid: 'SyncDagBucket',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
        resources: [`${dags}/dags/*`, `${dags}/plugins.zip`, `${dags}/requirements.txt`],
      },
    ];
    if (config.features.mwaa) {
      deploy.push({
        sid: 'UpdateMwaa',
        actions: ['airflow:GetEnvironment', 'airflow:UpdateEnvironment'],
        resources: [names.arn(this.aws, 'airflow', `environment/${names.mwaaEnvironment(env)}`)],
      });
      // UpdateEnvironment may pass the environment's own execution role back to MWAA.
      deploy.push({
        sid: 'PassMwaaRole',
        actions: ['iam:PassRole'],
        resources: [iamArn(`role/${names.physical(env, 'mwaa')}`)],
        conditions: [
          { test: 'StringEquals', variable: 'iam:PassedToService', values: ['airflow.amazonaws.com'] },
        ],
      });
    }
    this.deployRole = new VoyagerRole(this, 'deploy', {
      name: names.physical(env, 'deploy'),
      description: 'GitHub Actions on main: push images, deploy DAGs',
      trust: [oidc.trust(['ref:refs/heads/main'])],
      permissionsBoundary,
      statements: deploy,
    });
    const state: PolicyStatement[] = [];
    const backend = config.backend;
    if (backend.kind === 's3') {
      const bucket = names.bucketArn(this.aws, backend.bucket);
      state.push(
        { sid: 'ListState', actions: ['s3:ListBucket'], resources: [bucket] },
        { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${bucket}/${backend.keyPrefix}/*`] },
      );
    }
    this.planRole = new VoyagerRole(this, 'plan', {
      name: names.physical(env, 'plan'),
      description: 'GitHub Actions on pull requests: terraform plan (read only, no lock)',
      trust: [oidc.trust(['pull_request'])],
      permissionsBoundary,
      managedPolicyArns: [`arn:${this.aws.partition}:iam::aws:policy/ReadOnlyAccess`],
      statements: [
        ...state,
        // ReadOnlyAccess would read the activity data; a plan never needs it.
        { sid: 'NoLandingData', effect: 'Deny', actions: ['s3:GetObject*'], resources: [`${landing}/*`] },
        // Secrets that no Terraform resource manages, so a plan never refreshes them. The Strava and
        // warehouse parameters it does refresh (`aws_ssm_parameter` reads the decrypted value):
        // see "Security notes" in iac/README.md.
        {
          sid: 'NoUnmanagedSecrets',
          effect: 'Deny',
          actions: [
            'ssm:GetParameter',
            'ssm:GetParameters',
            'ssm:GetParametersByPath',
            'ssm:GetParameterHistory',
          ],
          resources: [
            names.arn(this.aws, 'ssm', `parameter${names.parameterPrefix(env)}/airflow/connections/*`),
          ],
        },
        {
          sid: 'NoSecretsManagerValues',
          effect: 'Deny',
          actions: ['secretsmanager:GetSecretValue'],
          resources: ['*'],
        },
      ],
    });
    const applyState: PolicyStatement[] =
      backend.kind === 's3'
        ? [
            {
              sid: 'WriteStateAndLock',
              actions: ['s3:PutObject', 's3:DeleteObject'],
              resources: [`${names.bucketArn(this.aws, backend.bucket)}/${backend.keyPrefix}/*`],
            },
          ]
        : [];
    this.applyRole = new VoyagerRole(this, 'apply', {
      name: names.physical(env, 'apply'),
      description: 'GitHub Actions in the reviewed environment: terraform apply',
      trust: [oidc.trust([`environment:${config.github.applyEnvironment}`])],
      permissionsBoundary,
      managedPolicyArns: [`arn:${this.aws.partition}:iam::aws:policy/PowerUserAccess`],
      statements: [...applyState, ...boundedIamStatements(boundaryProps)],
      maxSessionSeconds: 7200,
    });
    for (const [id, role] of [
      ['deploy_role_arn', this.deployRole],
      ['plan_role_arn', this.planRole],
      ['apply_role_arn', this.applyRole],
    ] as const) {
      new TerraformOutput(this, id, {
        value: role.arn,
        description: `Set as a GitHub variable (see iac/README.md)`,
      });
    }
  }
}
