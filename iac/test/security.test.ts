import { beforeAll, describe, expect, it } from 'vitest';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { allows } from './support/evaluate.js';
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
    const offenders = everything
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
      allows(plan, 's3:GetObject', `arn:${PARTITION}:s3:::voyager-landing-test-${ACCOUNT}/landing/x`),
    ).toBe(false);
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
