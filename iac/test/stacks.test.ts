import { beforeAll, describe, expect, it } from 'vitest';
import { INTERFACE_ENDPOINT_SERVICES } from '../src/constructs/vpc-endpoints.js';
import { PLACEHOLDER } from '../src/constructs/secret-parameters.js';
import { TASK_EGRESS_PORTS } from '../src/constructs/network.js';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { scrub } from './support/scrub.js';
import { type Synthesized, type TfJson, dataSources, resources, synthesize } from './support/synth.js';

let base: Synthesized;
let full: Synthesized;
const stack = (s: Synthesized, concern: string): TfJson => {
  const found = s.stacks[`voyager-${concern}-test`];
  if (!found) throw new Error(`no stack voyager-${concern}-test`);
  return found;
};
const values = <T>(o: Record<string, T>): T[] => Object.values(o);

beforeAll(() => {
  base = synthesize(fakeDefinitions(), testEnvironment());
  const network = { ...testEnvironment().network, privateEgress: 'endpoints' as const };
  full = synthesize(fakeDefinitions(), testEnvironment({ features: { mwaa: true }, network }));
});

describe('stacks', () => {
  it('creates one stack per concern, in an order that respects their dependencies', () => {
    expect(Object.keys(base.stacks).sort()).toEqual(
      ['compute', 'identity', 'network', 'registry', 'secrets', 'storage'].map((c) => `voyager-${c}-test`),
    );
    expect(Object.keys(full.stacks)).toContain('voyager-orchestration-test');
    const deps = (n: string): readonly string[] =>
      Object.values(full.manifest.stacks).find((s) => s.name === `voyager-${n}-test`)!.dependencies;
    expect([...deps('compute')].sort()).toEqual(
      ['identity', 'network', 'registry', 'secrets', 'storage'].map((c) => `voyager-${c}-test`),
    );
    expect(deps('orchestration')).toContain('voyager-compute-test');
  });

  it('keeps every stack state in its own S3 key with a lock file', () => {
    for (const [name, json] of Object.entries(base.stacks)) {
      expect(json.terraform?.backend).toEqual({
        s3: {
          bucket: 'state-bucket',
          key: `voyager/${name}.tfstate`,
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
        },
      });
    }
  });

  it('uses the remote backend (HCP Terraform or Scalr) when configured', () => {
    const remote = synthesize(
      fakeDefinitions(),
      testEnvironment({
        backend: { kind: 'remote', hostname: 'acme.scalr.io', organization: 'acme', workspacePrefix: 'x-' },
      }),
    );
    expect(stack(remote, 'network').terraform?.backend).toEqual({
      remote: {
        hostname: 'acme.scalr.io',
        organization: 'acme',
        workspaces: { name: 'x-voyager-network-test' },
      },
    });
  });
});

describe('network', () => {
  it('spreads public and private subnets over two AZs, without NAT by default', () => {
    const net = stack(base, 'network');
    const subnets = values(resources(net, 'aws_subnet'));
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual([
      '10.40.0.0/20',
      '10.40.128.0/20',
      '10.40.144.0/20',
      '10.40.16.0/20',
    ]);
    expect(new Set(subnets.map((s) => s.availability_zone)).size).toBe(2);
    expect(resources(net, 'aws_nat_gateway')).toEqual({});
    expect(resources(net, 'aws_vpc_endpoint')).toEqual({});
    expect(values(resources(net, 'aws_route')).map((r) => r.gateway_id)).toEqual([
      expect.stringContaining('aws_internet_gateway'),
    ]);
  });

  it('gives tasks an egress-only security group on the ports they use', () => {
    const net = stack(base, 'network');
    expect(resources(net, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(values(resources(net, 'aws_vpc_security_group_egress_rule')).map((r) => r.from_port)).toEqual([
      ...TASK_EGRESS_PORTS,
    ]);
  });

  it('adds a NAT or VPC endpoints when private egress asks for it', () => {
    const nat = synthesize(
      fakeDefinitions(),
      testEnvironment({
        network: { ...testEnvironment().network, taskSubnets: 'private', privateEgress: 'nat' },
      }),
    );
    expect(Object.keys(resources(stack(nat, 'network'), 'aws_nat_gateway'))).toHaveLength(1);
    expect(stack(nat, 'compute').output?.voyager_assign_public_ip?.value).toBe('DISABLED');
    const endpoints = values(resources(stack(full, 'network'), 'aws_vpc_endpoint'));
    expect(
      endpoints.map((e) => String(e.service_name).replace('com.amazonaws.eu-west-1.', '')).sort(),
    ).toEqual(['s3', ...INTERFACE_ENDPOINT_SERVICES].sort());
  });
});

describe('storage', () => {
  it('creates the landing and MWAA buckets, versioned and encrypted, landing to IA after 30 days', () => {
    const st = stack(base, 'storage');
    const names = values(resources(st, 'aws_s3_bucket')).map((b) => b.bucket);
    expect(names.sort()).toEqual([
      'airflow-voyager-dags-test-${data.aws_caller_identity.caller.account_id}',
      'voyager-landing-test-${data.aws_caller_identity.caller.account_id}',
    ]);
    expect(values(resources(st, 'aws_s3_bucket_versioning')).map((v) => v.versioning_configuration)).toEqual([
      { status: 'Enabled' },
      { status: 'Enabled' },
    ]);
    expect(values(resources(st, 'aws_s3_bucket_server_side_encryption_configuration'))).toHaveLength(2);
    const lifecycles = values(resources(st, 'aws_s3_bucket_lifecycle_configuration'));
    const rulesOf = (bucket: string): Record<string, unknown>[] =>
      lifecycles.find((l) => String(l.bucket).includes(`aws_s3_bucket.${bucket}_bucket`))!.rule as Record<
        string,
        unknown
      >[];
    expect(rulesOf('landing')).toContainEqual(
      expect.objectContaining({ transition: [{ days: 30, storage_class: 'STANDARD_IA' }] }),
    );
    expect(rulesOf('airflow').some((r) => 'transition' in r)).toBe(false);
    const rules = [rulesOf('landing'), rulesOf('airflow')];
    for (const r of rules) {
      expect(r).toContainEqual(
        expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
      );
    }
  });
});

describe('registry and compute', () => {
  it('creates one immutable, scanned, lifecycled repository per image', () => {
    const reg = stack(base, 'registry');
    const repos = values(resources(reg, 'aws_ecr_repository'));
    expect(repos.map((r) => r.name)).toEqual([
      'voyager-dbt-test',
      'voyager-extract-test',
      'voyager-load-test',
    ]);
    for (const r of repos) {
      expect(r).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
      });
    }
    const policies = values(resources(reg, 'aws_ecr_lifecycle_policy')).map((p) =>
      JSON.parse(String(p.policy)),
    );
    expect(policies[0].rules[0].selection).toEqual({
      tagStatus: 'any',
      countType: 'imageCountMoreThan',
      countNumber: 20,
    });
  });

  it('sizes one Fargate task definition per image from the assets, logging to a retained group', () => {
    const compute = stack(base, 'compute');
    const defs = values(resources(compute, 'aws_ecs_task_definition'));
    expect(defs.map((d) => [d.family, d.cpu, d.memory])).toEqual([
      ['voyager-dbt-test', '256', '512'],
      ['voyager-extract-test', '256', '512'],
      ['voyager-load-test', '512', '3072'],
    ]);
    const [container] = JSON.parse(String(defs[1]!.container_definitions));
    expect(container).toMatchObject({
      name: 'extract',
      command: ['node', 'extract/dist/main.js'],
      image:
        '${data.aws_caller_identity.caller.account_id}.dkr.ecr.eu-west-1.amazonaws.com/voyager-extract-test:abc123',
      logConfiguration: {
        options: { 'awslogs-group': '/voyager/test/extract', 'awslogs-stream-prefix': 'extract' },
      },
    });
    // the image's non-rotating secrets are injected; the rotating refresh token is not (the code
    // reads and writes it under VOYAGER_SSM_PREFIX)
    const param = (p: string) => expect.stringMatching(new RegExp(`:parameter/voyager/test/${p}$`));
    expect(container.secrets).toEqual([
      { name: 'GOOGLE_HEALTH_CLIENT_ID', valueFrom: param('google_health/client_id') },
      { name: 'GOOGLE_HEALTH_CLIENT_SECRET', valueFrom: param('google_health/client_secret') },
      { name: 'STRAVA_CLIENT_ID', valueFrom: param('strava/client_id') },
      { name: 'STRAVA_CLIENT_SECRET', valueFrom: param('strava/client_secret') },
      { name: 'VOYAGER_DATABASE_URL', valueFrom: param('warehouse/database_url') },
      { name: 'VOYAGER_SOURCE_TOTESYS_URL', valueFrom: param('sources/totesys/url') },
    ]);
    expect(container.environment).toContainEqual({ name: 'VOYAGER_SSM_PREFIX', value: '/voyager/test' });
    const [load] = JSON.parse(String(defs[2]!.container_definitions));
    expect(load.secrets).toEqual([
      { name: 'VOYAGER_DATABASE_URL', valueFrom: param('warehouse/database_url') },
    ]);
    expect(JSON.stringify(container.environment)).not.toMatch(/set-me|password|secret/i);
    expect(
      values(resources(compute, 'aws_cloudwatch_log_group')).map((g) => [g.name, g.retention_in_days]),
    ).toEqual([
      ['/voyager/test/dbt', 365],
      ['/voyager/test/extract', 365],
      ['/voyager/test/load', 365],
    ]);
    expect(values(resources(compute, 'aws_ecs_cluster'))[0]!.name).toBe('voyager-cluster-test');
  });

  it('outputs the Variables the operator plugin reads', () => {
    const out = stack(base, 'compute').output ?? {};
    expect(Object.keys(out).sort()).toMatchSnapshot();
    expect(out.voyager_ecs_cluster?.value).toBe('voyager-cluster-test');
    expect(out.voyager_task_family_load?.value).toBe('voyager-load-test');
    expect(out.voyager_log_group_dbt?.value).toBe('/voyager/test/dbt');
    expect(out.voyager_subnets?.value).toMatch(
      /^\$\{jsonencode\(data\.aws_subnets\.network_public-subnets_\w+\.ids\)\}$/,
    );
    expect(out.voyager_assign_public_ip?.value).toBe('ENABLED');
  });
});

describe('secrets', () => {
  it('creates SecureString placeholders whose values Terraform ignores afterwards', () => {
    const params = values(resources(stack(base, 'secrets'), 'aws_ssm_parameter'));
    expect(params.map((p) => p.name)).toEqual([
      '/voyager/test/google_health/client_id',
      '/voyager/test/google_health/client_secret',
      '/voyager/test/google_health/refresh_token',
      '/voyager/test/sources/totesys/url',
      '/voyager/test/strava/client_id',
      '/voyager/test/strava/client_secret',
      '/voyager/test/strava/refresh_token',
      '/voyager/test/warehouse/database_url',
    ]);
    for (const p of params) {
      expect(p).toMatchObject({
        type: 'SecureString',
        value: PLACEHOLDER,
        lifecycle: { ignore_changes: ['value'] },
      });
    }
  });
});

describe('identity', () => {
  it('creates the GitHub OIDC provider and the deploy, plan and apply roles', () => {
    const id = stack(base, 'identity');
    expect(values(resources(id, 'aws_iam_openid_connect_provider'))[0]).toMatchObject({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
    expect(values(resources(id, 'aws_iam_role')).map((r) => r.name)).toEqual([
      'voyager-apply-test',
      'voyager-deploy-test',
      'voyager-plan-test',
    ]);
    const attachments = values(resources(id, 'aws_iam_role_policy_attachment'));
    expect(attachments.map((a) => [String(a.role).replace(/_role_\w+/, ''), a.policy_arn])).toEqual([
      [
        '${aws_iam_role.apply.name}',
        'arn:${data.aws_partition.partition.partition}:iam::aws:policy/PowerUserAccess',
      ],
      [
        '${aws_iam_role.plan.name}',
        'arn:${data.aws_partition.partition.partition}:iam::aws:policy/ReadOnlyAccess',
      ],
    ]);
  });
});

describe('orchestration (mwaa flag)', () => {
  it('runs MWAA on Airflow 3 in the private subnets with the SSM secrets backend', () => {
    const orch = stack(full, 'orchestration');
    const [env] = values(resources(orch, 'aws_mwaa_environment'));
    expect(env).toMatchObject({
      name: 'voyager-airflow-test',
      airflow_version: expect.stringMatching(/^3\./),
      dag_s3_path: 'dags',
      network_configuration: { subnet_ids: expect.stringContaining('private-subnets') },
      airflow_configuration_options: {
        'secrets.backend': expect.stringContaining('SystemsManagerParameterStoreBackend'),
        'secrets.backend_kwargs': JSON.stringify({
          variables_prefix: '/voyager/test/airflow/variables',
          connections_prefix: '/voyager/test/airflow/connections',
        }),
      },
    });
    expect(env!.source_bucket_arn).toContain('airflow-voyager-dags-test-');
  });

  it('writes the operator Variables as SSM parameters, the same names as the compute outputs', () => {
    const params = values(resources(stack(full, 'orchestration'), 'aws_ssm_parameter'));
    const names = params.map((p) => String(p.name).replace('/voyager/test/airflow/variables/', ''));
    expect(names.sort()).toEqual(Object.keys(stack(full, 'compute').output ?? {}).sort());
    expect(params.every((p) => p.type === 'SecureString')).toBe(true);
  });

  it('is absent without the flag', () => {
    expect(base.stacks['voyager-orchestration-test']).toBeUndefined();
    expect(dataSources(stack(base, 'compute'), 'aws_vpc')).not.toEqual({});
  });
});

describe('snapshots (CDKTF metadata and provider version scrubbed)', () => {
  it.each(['network', 'storage', 'registry', 'secrets', 'compute', 'identity', 'orchestration'])(
    '%s',
    (concern) => {
      expect(scrub(stack(full, concern))).toMatchSnapshot();
    },
  );
});
