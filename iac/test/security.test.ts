import { beforeAll, describe, expect, it } from 'vitest';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { allows, denies } from './support/evaluate.js';
import type { FoundStatement } from './support/iam.js';
import { iamStatements, statementsOf } from './support/iam.js';
import type { Synthesized } from './support/synth.js';
import { allBlocks, resources, synthesize } from './support/synth.js';

/**
 * Actions that AWS offers on no narrower resource than `*`. The issue allows only the ECR login;
 * MWAA's documented execution policy needs two more, which only the orchestration stack may use.
 */
const WILDCARD_RESOURCE_ALLOWED: Readonly<Record<string, { stacks: RegExp; condition?: string }>> = {
  'ecr:GetAuthorizationToken': { stacks: /^voyager-(compute|identity)-/ },
  'cloudwatch:PutMetricData': { stacks: /^voyager-orchestration-/, condition: 'cloudwatch:namespace' },
  's3:GetAccountPublicAccessBlock': { stacks: /^voyager-orchestration-/ },
};

let synths: Synthesized[];
let everything: FoundStatement[];
const ACCOUNT = '${data.aws_caller_identity.caller.account_id}';
const PARTITION = '${data.aws_partition.partition.partition}';

beforeAll(() => {
  const network = testEnvironment().network;
  synths = [
    synthesize(fakeDefinitions(), testEnvironment()),
    synthesize(
      fakeDefinitions(),
      testEnvironment({ features: { mwaa: true }, network: { ...network, privateEgress: 'endpoints' } }),
    ),
    synthesize(
      fakeDefinitions(),
      testEnvironment({
        features: { mwaa: true },
        network: { ...network, taskSubnets: 'private', privateEgress: 'nat' },
      }),
    ),
  ];
  everything = synths.flatMap(iamStatements);
});

describe('IAM statements', () => {
  it('are all found (every policy is a policy document the scan reads)', () => {
    expect(everything.length).toBeGreaterThan(25);
    for (const s of synths) {
      for (const b of allBlocks(s).filter((x) => x.kind === 'resource')) {
        for (const field of ['policy', 'assume_role_policy']) {
          if (field in b.body && b.type !== 'aws_ecr_lifecycle_policy') {
            expect(String(b.body[field]), `${b.stack} ${b.type}.${b.name}.${field}`).toMatch(
              /^\$\{data\.aws_iam_policy_document\.[\w-]+\.json\}$/,
            );
          }
        }
      }
    }
  });

  it('never allow Action "*"', () => {
    const offenders = everything.filter((s) => s.actions.includes('*'));
    expect(offenders.map((s) => `${s.stack} ${s.sid}`)).toEqual([]);
  });

  it('use Resource "*" only for the actions that have no resource type', () => {
    // The permissions boundary is a ceiling that grants nothing by itself; it is tested below.
    const offenders = everything
      .filter((s) => !s.document.startsWith('boundary_'))
      .filter((s) => s.effect === 'Allow' && s.resources.includes('*'))
      .filter((s) => {
        return !s.actions.every((a) => {
          const rule = WILDCARD_RESOURCE_ALLOWED[a];
          if (!rule || !rule.stacks.test(s.stack)) return false;
          return !rule.condition || s.conditions.some((c) => c.variable === rule.condition);
        });
      });
    expect(offenders.map((s) => `${s.stack} ${s.sid} ${s.actions.join(',')}`)).toEqual([]);
  });

  it('pass ecr:GetAuthorizationToken alone in its statement', () => {
    const login = everything.filter((s) => s.actions.includes('ecr:GetAuthorizationToken'));
    expect(login.length).toBeGreaterThan(0);
    for (const s of login) expect(s.actions).toEqual(['ecr:GetAuthorizationToken']);
  });
});

describe('buckets', () => {
  it('block every kind of public access', () => {
    for (const s of synths) {
      const st = s.stacks['voyager-storage-test']!;
      const buckets = Object.keys(resources(st, 'aws_s3_bucket'));
      const blocks = Object.values(resources(st, 'aws_s3_bucket_public_access_block'));
      expect(buckets.length).toBe(2);
      for (const name of buckets) {
        const block = blocks.find((b) => b.bucket === `\${aws_s3_bucket.${name}.id}`);
        expect(block, name).toMatchObject({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
      }
    }
  });

  it('deny every request without TLS', () => {
    const s = synths[0]!;
    const st = s.stacks['voyager-storage-test']!;
    const policies = Object.values(resources(st, 'aws_s3_bucket_policy'));
    for (const name of Object.keys(resources(st, 'aws_s3_bucket'))) {
      const policy = policies.find((p) => p.bucket === `\${aws_s3_bucket.${name}.id}`);
      const doc = String(policy?.policy).match(/aws_iam_policy_document\.([\w-]+)\.json/)?.[1];
      const statements = iamStatements(s).filter(
        (x) => x.stack === 'voyager-storage-test' && x.document === doc,
      );
      const arn = `\${aws_s3_bucket.${name}.arn}`;
      expect(statements, name).toContainEqual(
        expect.objectContaining({
          effect: 'Deny',
          actions: ['s3:*'],
          resources: [arn, `${arn}/*`],
          principals: [{ type: '*', identifiers: ['*'] }],
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }),
      );
    }
  });
});

describe('GitHub OIDC trust', () => {
  const trustOf = (role: string): FoundStatement[] =>
    statementsOf(synths[1]!, 'voyager-identity-test', `${role}_trust`);

  it('checks aud and a sub limited to the repository in every federated trust', () => {
    const federated = everything.filter((s) => s.principals.some((p) => p.type === 'Federated'));
    expect(federated).toHaveLength(3 * synths.length);
    for (const s of federated) {
      expect(s.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(s.conditions).toContainEqual({
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:aud',
        values: ['sts.amazonaws.com'],
      });
      const sub = s.conditions.filter((c) => c.variable === 'token.actions.githubusercontent.com:sub');
      expect(sub).toHaveLength(1);
      expect(sub[0]!.test).toBe('StringEquals');
      for (const v of sub[0]!.values) {
        expect(v.startsWith('repo:octo/voyager:')).toBe(true);
        expect(v).not.toContain('*');
      }
    }
  });

  it('trusts main for deploy, pull requests for plan, the reviewed environment for apply', () => {
    const subOf = (role: string): string[] =>
      trustOf(role)[0]!.conditions.find((c) => c.variable.endsWith(':sub'))!.values;
    expect(subOf('deploy')).toEqual(['repo:octo/voyager:ref:refs/heads/main']);
    expect(subOf('plan')).toEqual(['repo:octo/voyager:pull_request']);
    expect(subOf('apply')).toEqual(['repo:octo/voyager:environment:production']);
  });

  it('lets the plan role read the state but not the landing data nor write anything of its own', () => {
    const plan = statementsOf(synths[0]!, 'voyager-identity-test', 'plan_permissions');
    expect(
      allows(
        plan,
        's3:GetObject',
        'arn:' + PARTITION + ':s3:::state-bucket/voyager/voyager-network-test.tfstate',
      ),
    ).toBe(true);
    expect(
      allows(
        plan,
        's3:PutObject',
        'arn:' + PARTITION + ':s3:::state-bucket/voyager/voyager-network-test.tfstate',
      ),
    ).toBe(false);
    expect(
      denies(plan, 's3:GetObject', `arn:${PARTITION}:s3:::voyager-landing-test-${ACCOUNT}/landing/x`),
    ).toBe(true);
  });

  it('denies the plan role the secrets no plan refreshes, and trusts same-repository pull requests only', () => {
    const plan = statementsOf(synths[1]!, 'voyager-identity-test', 'plan_permissions');
    const param = (p: string): string =>
      `arn:${PARTITION}:ssm:eu-west-1:${ACCOUNT}:parameter/voyager/test/${p}`;
    for (const action of ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'])
      expect(denies(plan, action, param('airflow/connections/aws_default')), action).toBe(true);
    expect(denies(plan, 'ssm:GetParameter', param('airflow/variables/voyager_subnets'))).toBe(false);
    const secret = `arn:${PARTITION}:secretsmanager:eu-west-1:${ACCOUNT}:secret:x`;
    expect(denies(plan, 'secretsmanager:GetSecretValue', secret)).toBe(true);
    // Strava and warehouse values stay readable: refreshing aws_ssm_parameter decrypts them
    // (documented in iac/README.md); fork pull requests get no OIDC token for this `sub`.
    const sub = trustOf('plan')[0]!.conditions.find((c) => c.variable.endsWith(':sub'))!;
    expect(sub).toEqual({
      test: 'StringEquals',
      variable: 'token.actions.githubusercontent.com:sub',
      values: ['repo:octo/voyager:pull_request'],
    });
  });

  it('lets the deploy role push only to our repositories and write only the DAG bucket', () => {
    const deploy = statementsOf(synths[1]!, 'voyager-identity-test', 'deploy_permissions');
    const repo = (n: string): string => `arn:${PARTITION}:ecr:eu-west-1:${ACCOUNT}:repository/${n}`;
    expect(allows(deploy, 'ecr:PutImage', repo('voyager-extract-test'))).toBe(true);
    expect(allows(deploy, 'ecr:PutImage', repo('someone-else'))).toBe(false);
    const dags = `arn:${PARTITION}:s3:::airflow-voyager-dags-test-${ACCOUNT}`;
    expect(allows(deploy, 's3:PutObject', `${dags}/dags/strava_daily.py`)).toBe(true);
    expect(
      allows(deploy, 's3:PutObject', `arn:${PARTITION}:s3:::voyager-landing-test-${ACCOUNT}/landing/x`),
    ).toBe(false);
    expect(
      allows(
        deploy,
        'airflow:UpdateEnvironment',
        `arn:${PARTITION}:airflow:eu-west-1:${ACCOUNT}:environment/voyager-airflow-test`,
      ),
    ).toBe(true);
  });
});

describe('apply role and permissions boundary', () => {
  const role = (n: string): string => `arn:${PARTITION}:iam::${ACCOUNT}:role/${n}`;
  const boundaryArn = `arn:${PARTITION}:iam::${ACCOUNT}:policy/voyager-boundary-test`;
  const GRANTING = [
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:PutRolePermissionsBoundary',
  ];
  let apply: FoundStatement[];
  let boundary: FoundStatement[];
  beforeAll(() => {
    apply = statementsOf(synths[1]!, 'voyager-identity-test', 'apply_permissions');
    boundary = statementsOf(synths[1]!, 'voyager-identity-test', 'boundary_');
  });

  it('lists IAM actions one by one: no iam:* nor any IAM wildcard', () => {
    const iam = apply.flatMap((s) => s.actions).filter((a) => a.startsWith('iam:'));
    expect(iam.length).toBeGreaterThan(10);
    expect(iam.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
    expect(allows(apply, 'iam:CreateUser', `arn:${PARTITION}:iam::${ACCOUNT}:user/voyager-x`)).toBe(false);
    expect(allows(apply, 'iam:CreatePolicyVersion', boundaryArn)).toBe(false);
    expect(allows(apply, 'iam:DeleteRolePermissionsBoundary', role('voyager-apply-test'))).toBe(false);
    expect(allows(apply, 'iam:PutRolePolicy', role('someone-else'))).toBe(false);
  });

  it('grants permissions only to roles that carry the boundary', () => {
    for (const action of GRANTING) {
      const granting = apply.filter((s) => s.effect === 'Allow' && s.actions.includes(action));
      expect(granting.length, action).toBeGreaterThan(0);
      for (const s of granting) {
        expect(s.resources, action).toEqual([role('voyager-*')]);
        expect(s.conditions, action).toContainEqual({
          test: 'StringEquals',
          variable: 'iam:PermissionsBoundary',
          values: [boundaryArn],
        });
      }
    }
    const attach = apply.find((s) => s.actions.includes('iam:AttachRolePolicy'))!;
    expect(attach.conditions).toContainEqual({
      test: 'ArnEquals',
      variable: 'iam:PolicyARN',
      values: ['ReadOnlyAccess', 'PowerUserAccess'].map((p) => `arn:${PARTITION}:iam::aws:policy/${p}`),
    });
  });

  it('puts the boundary, created in the identity stack, on every role of every stack', () => {
    for (const s of synths) {
      const id = s.stacks['voyager-identity-test']!;
      const [policy] = Object.values(resources(id, 'aws_iam_policy'));
      expect(policy).toMatchObject({ name: 'voyager-boundary-test' });
      const roles = allBlocks(s).filter((b) => b.kind === 'resource' && b.type === 'aws_iam_role');
      expect(roles.length).toBeGreaterThanOrEqual(5);
      for (const r of roles) {
        const expected =
          r.stack === 'voyager-identity-test'
            ? expect.stringMatching(/^\$\{aws_iam_policy\.boundary_policy_\w+\.arn\}$/)
            : boundaryArn;
        expect(r.body.permissions_boundary, `${r.stack} ${r.name}`).toEqual(expected);
      }
    }
  });

  it('keeps the boundary a ceiling below admin that nobody can lift', () => {
    expect(allows(boundary, 's3:PutObject', 'arn:aws:s3:::any/x')).toBe(true);
    expect(allows(boundary, 'iam:GetRole', role('anything'))).toBe(true);
    expect(
      allows(boundary, 'iam:CreateServiceLinkedRole', role('aws-service-role/ecs.amazonaws.com/x')),
    ).toBe(true);
    for (const action of [
      'iam:CreateUser',
      'iam:AttachUserPolicy',
      'iam:CreateAccessKey',
      'organizations:LeaveOrganization',
    ])
      expect(allows(boundary, action, '*'), action).toBe(false);
    expect(allows(boundary, 'iam:PutRolePolicy', role('someone-else'))).toBe(false);
    expect(allows(boundary, 'iam:DeleteRolePermissionsBoundary', role('voyager-apply-test'))).toBe(false);
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'])
      expect(allows(boundary, action, boundaryArn), action).toBe(false);
    const putPolicy = boundary.filter((s) => s.effect === 'Allow' && s.actions.includes('iam:PutRolePolicy'));
    for (const s of putPolicy)
      expect(s.conditions.map((c) => c.variable)).toContain('iam:PermissionsBoundary');
  });
});

describe('task role', () => {
  const bucket = `arn:${PARTITION}:s3:::voyager-landing-test-${ACCOUNT}`;
  const param = (p: string): string =>
    `arn:${PARTITION}:ssm:eu-west-1:${ACCOUNT}:parameter/voyager/test/${p}`;
  let task: FoundStatement[];
  beforeAll(() => {
    task = statementsOf(synths[0]!, 'voyager-compute-test', 'roles_task_permissions');
  });

  it('reads and writes the landing prefix', () => {
    expect(allows(task, 's3:PutObject', `${bucket}/landing/strava/activities/part-00001.ndjson.gz`)).toBe(
      true,
    );
    expect(allows(task, 's3:GetObject', `${bucket}/landing/strava/activities/_manifest.json`)).toBe(true);
  });

  it('deletes in the landing prefix only (a retried batch clears its own run prefix first)', () => {
    const key = `${bucket}/landing/strava/activities/ingest_date=2024-03-31/run=r1/part-00001.ndjson.gz`;
    expect(allows(task, 's3:DeleteObject', key)).toBe(true);
    expect(allows(task, 's3:DeleteObject', `${bucket}/other/x`)).toBe(false);
    expect(allows(task, 's3:DeleteObjectVersion', key)).toBe(false);
    expect(allows(task, 's3:DeleteBucket', bucket)).toBe(false);
  });

  it('cannot write outside the landing prefix', () => {
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy', 's3:PutObjectAcl']) {
      expect(allows(task, action, `${bucket}/other/x`), action).toBe(false);
      expect(allows(task, action, `${bucket}/landing-evil/x`), action).toBe(false);
      expect(allows(task, action, bucket), action).toBe(false);
      expect(
        allows(task, action, `arn:${PARTITION}:s3:::airflow-voyager-dags-test-${ACCOUNT}/dags/x.py`),
        action,
      ).toBe(false);
    }
    const writes = task.filter((s) =>
      s.actions.some((a) => /^s3:(Put|Delete|Abort|Restore|Replicate)/.test(a)),
    );
    for (const s of writes) expect(s.resources).toEqual([`${bucket}/landing/*`]);
    const list = task.find((s) => s.actions.includes('s3:ListBucket'))!;
    expect(list.conditions).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['landing', 'landing/*'] },
    ]);
  });

  it('may write the Strava refresh token and no other parameter', () => {
    expect(allows(task, 'ssm:PutParameter', param('strava/refresh_token'))).toBe(true);
    for (const p of [
      'strava/client_secret',
      'strava/client_id',
      'warehouse/database_url',
      'sources/totesys/url',
      'airflow/variables/x',
    ]) {
      expect(allows(task, 'ssm:PutParameter', param(p)), p).toBe(false);
    }
    expect(allows(task, 'ssm:GetParameter', param('warehouse/database_url'))).toBe(false);
  });
});

describe('MWAA execution role', () => {
  let mwaa: FoundStatement[];
  beforeAll(() => {
    mwaa = statementsOf(synths[1]!, 'voyager-orchestration-test', 'execution-role_permissions');
  });

  it('runs our task definitions only, on our cluster', () => {
    const td = (f: string): string => `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:task-definition/${f}:7`;
    for (const image of ['extract', 'load', 'dbt'])
      expect(allows(mwaa, 'ecs:RunTask', td(`voyager-${image}-test`))).toBe(true);
    expect(allows(mwaa, 'ecs:RunTask', td('someone-else'))).toBe(false);
    const run = mwaa.find((s) => s.actions.includes('ecs:RunTask'))!;
    expect(run.conditions).toEqual([
      {
        test: 'ArnEquals',
        variable: 'ecs:cluster',
        values: [`arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:cluster/voyager-cluster-test`],
      },
    ]);
  });

  it('passes our two task roles only, to ECS only', () => {
    const role = (n: string): string => `arn:${PARTITION}:iam::${ACCOUNT}:role/${n}`;
    expect(allows(mwaa, 'iam:PassRole', role('voyager-task-test'))).toBe(true);
    expect(allows(mwaa, 'iam:PassRole', role('voyager-task-execution-test'))).toBe(true);
    expect(allows(mwaa, 'iam:PassRole', role('voyager-apply-test'))).toBe(false);
    const pass = mwaa.find((s) => s.actions.includes('iam:PassRole'))!;
    expect(pass.conditions).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] },
    ]);
  });

  it('reads our task logs and its bucket, and writes neither', () => {
    const logs = `arn:${PARTITION}:logs:eu-west-1:${ACCOUNT}:log-group:/voyager/test/extract:log-stream:extract/extract/abc`;
    expect(allows(mwaa, 'logs:GetLogEvents', logs)).toBe(true);
    expect(allows(mwaa, 'logs:PutLogEvents', logs)).toBe(false);
    const dags = `arn:${PARTITION}:s3:::airflow-voyager-dags-test-${ACCOUNT}/dags/x.py`;
    expect(allows(mwaa, 's3:GetObject', dags)).toBe(true);
    expect(allows(mwaa, 's3:PutObject', dags)).toBe(false);
  });
});
