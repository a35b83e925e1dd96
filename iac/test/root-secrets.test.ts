import { beforeAll, describe, expect, it } from 'vitest';
import definitions from '../../definitions.js';
import { testEnvironment } from './support/fixtures.js';
import { resources, synthesize, type Synthesized } from './support/synth.js';

// The root definitions.ts (not the fixtures): the operational database's URL may hold a password,
// so it is a secret of the extract image: a SecureString parameter the stacks create and ECS
// injects into the extract task as VOYAGER_SOURCE_TOTESYS_URL, never a plain environment value.

describe('the totesys source URL in the synthesized root definitions', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize(definitions, testEnvironment());
  }, 120_000);

  const container = (family: string) => {
    const def = Object.values(
      resources(synth.stacks['voyager-compute-test'], 'aws_ecs_task_definition'),
    ).find((d) => d.family === family);
    return JSON.parse(String(def!.container_definitions))[0] as {
      secrets: { name: string; valueFrom: string }[];
      environment: { name: string; value: string }[];
    };
  };

  it('is a SecureString parameter of the environment', () => {
    const params = Object.values(resources(synth.stacks['voyager-secrets-test'], 'aws_ssm_parameter'));
    expect(params.find((p) => p.name === '/voyager/test/sources/totesys/url')).toMatchObject({
      type: 'SecureString',
      value: 'set-me',
    });
  });

  it('is injected into the extract task only, as VOYAGER_SOURCE_TOTESYS_URL', () => {
    expect(container('voyager-extract-test').secrets).toContainEqual({
      name: 'VOYAGER_SOURCE_TOTESYS_URL',
      valueFrom: expect.stringMatching(/:parameter\/voyager\/test\/sources\/totesys\/url$/),
    });
    expect(JSON.stringify(container('voyager-extract-test').environment)).not.toContain(
      'VOYAGER_SOURCE_TOTESYS_URL',
    );
    expect(JSON.stringify(container('voyager-load-test'))).not.toContain('sources/totesys');
  });
});
