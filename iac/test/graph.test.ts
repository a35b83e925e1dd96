import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '@voyager/orchestration';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { iamStatements } from './support/iam.js';
import type { Synthesized } from './support/synth.js';
import { resources, synthesize } from './support/synth.js';

const enrich = image({
  name: 'geo-enrich',
  description: 'Reverse geocoding of activity start points',
  dockerfile: 'geo/Dockerfile',
  command: ['node', 'geo/dist/main.js'],
  resources: { cpu: 1024, memoryMiB: 2048 },
});

describe('an image added to the asset graph', () => {
  let before: Synthesized;
  let after: Synthesized;
  beforeAll(() => {
    const env = testEnvironment({
      features: { mwaa: true },
      network: { ...testEnvironment().network, privateEgress: 'nat' },
    });
    before = synthesize(fakeDefinitions(), env);
    after = synthesize(fakeDefinitions(enrich), env);
  });

  const repoNames = (s: Synthesized): unknown[] =>
    Object.values(resources(s.stacks['voyager-registry-test'], 'aws_ecr_repository')).map((r) => r.name);

  it('gets an ECR repository', () => {
    expect(repoNames(before)).not.toContain('voyager-geo-enrich-test');
    expect(repoNames(after)).toContain('voyager-geo-enrich-test');
  });

  it('gets a task definition sized from its resources, and a log group', () => {
    const compute = after.stacks['voyager-compute-test'];
    const def = Object.values(resources(compute, 'aws_ecs_task_definition')).find(
      (d) => d.family === 'voyager-geo-enrich-test',
    );
    expect(def).toMatchObject({ cpu: '1024', memory: '2048' });
    expect(JSON.parse(String(def!.container_definitions))[0].command).toEqual(['node', 'geo/dist/main.js']);
    const groups = Object.values(resources(compute, 'aws_cloudwatch_log_group')).map((g) => g.name);
    expect(groups).toContain('/voyager/test/geo-enrich');
  });

  it('gets operator Variables, execution-role pull rights and MWAA RunTask rights', () => {
    const out = after.stacks['voyager-compute-test']!.output ?? {};
    expect(out.voyager_task_family_geo_enrich?.value).toBe('voyager-geo-enrich-test');
    expect(out.voyager_log_group_geo_enrich?.value).toBe('/voyager/test/geo-enrich');
    const resourcesOf = (s: Synthesized, sid: string): string[] =>
      iamStatements(s)
        .filter((x) => x.sid === sid)
        .flatMap((x) => x.resources);
    expect(resourcesOf(after, 'EcrPull').some((r) => r.endsWith('repository/voyager-geo-enrich-test'))).toBe(
      true,
    );
    expect(resourcesOf(after, 'EcrPush').some((r) => r.endsWith('repository/voyager-geo-enrich-test'))).toBe(
      true,
    );
    expect(
      resourcesOf(after, 'RunVoyagerTasks').some((r) =>
        r.endsWith('task-definition/voyager-geo-enrich-test:*'),
      ),
    ).toBe(true);
    expect(resourcesOf(before, 'RunVoyagerTasks').some((r) => r.includes('geo-enrich'))).toBe(false);
  });
});
