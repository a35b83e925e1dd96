import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import defs from '../../../definitions.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);

interface ComposeService {
  readonly image?: string;
  readonly command?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly environment?: Record<string, string>;
  readonly volumes?: string[];
  readonly profiles?: string[];
}
interface ComposeFile {
  readonly name: string;
  readonly services: Record<string, ComposeService>;
  readonly networks: Record<string, { name?: string }>;
  readonly volumes: Record<string, unknown>;
}

async function composeFile(): Promise<{ text: string; doc: ComposeFile }> {
  const text = await readFile(join(root, 'dev/docker-compose.yml'), 'utf8');
  return { text, doc: parse(text, { merge: true }) as ComposeFile };
}

/** The Compose Specification schema (compose-spec/compose-spec `schema/compose-spec.json`), as shipped by the dclint package. */
async function composeSchema(): Promise<object> {
  const path = join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  // Its `$schema` is draft-07 spelt `https://...` without `#`, which Ajv does not know by that name.
  const { $schema: _draft, ...schema } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  return schema;
}

describe('dev/docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    const validate = ajv.compile(await composeSchema());
    const { doc } = await composeFile();
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // the schema itself catches mistakes: a misspelt service key is rejected
    const broken = {
      ...doc,
      services: { ...doc.services, warehouse: { ...doc.services.warehouse, imgae: 'postgres' } },
    };
    expect(validate(broken)).toBe(false);
  });

  it('runs Airflow 3 with the LocalExecutor on the generated DAGs and plugin, with a metadata and a warehouse Postgres', async () => {
    const { doc } = await composeFile();
    const s = doc.services;
    for (const name of ['airflow-apiserver', 'airflow-scheduler', 'airflow-dag-processor', 'airflow-init']) {
      expect(s[name]!.image, name).toMatch(/^apache\/airflow:3\./);
      expect(s[name]!.environment!.AIRFLOW__CORE__EXECUTOR).toBe('LocalExecutor');
      expect(s[name]!.volumes).toEqual(
        expect.arrayContaining([
          '../build/dags/dags:/opt/airflow/dags:ro',
          '../build/dags/plugins:/opt/airflow/plugins:ro',
        ]),
      );
    }
    expect(s['airflow-scheduler']!.command).toBe('scheduler');
    expect(s['airflow-db']!.image).toMatch(/^postgres:/);
    expect(s.warehouse!.image).toMatch(/^postgres:/);
    expect(s['docker-socket-proxy']!.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock:ro');
    const env = s['airflow-scheduler']!.environment!;
    expect(env.AIRFLOW_VAR_VOYAGER_DOCKER_URL).toBe('tcp://docker-socket-proxy:2375');
    // what voyager_airflow.docker defaults to must be what this file creates
    expect(doc.name).toBe('voyager-dev');
    expect(doc.networks.default!.name).toBe(env.AIRFLOW_VAR_VOYAGER_DOCKER_NETWORK);
    expect(Object.keys(doc.volumes)).toContain('landing');
    expect(`${doc.name}_landing`).toBe(env.AIRFLOW_VAR_VOYAGER_DOCKER_LANDING_VOLUME);
    expect(env.VOYAGER_DATABASE_URL).toMatch(/@warehouse:5432\//);
  });

  it('builds every image of definitions.ts from its Dockerfile with the repo root as context, tagged voyager-<image>:dev', async () => {
    const { doc } = await composeFile();
    const built = Object.values(doc.services)
      .filter((svc) => svc.build !== undefined)
      .map((svc) => ({ image: svc.image, context: svc.build!.context, dockerfile: svc.build!.dockerfile }));
    expect(built.sort((a, b) => String(a.image).localeCompare(String(b.image)))).toEqual(
      defs.images
        .map((i) => ({ image: `voyager-${i.name}:dev`, context: '..', dockerfile: i.dockerfile }))
        .sort((a, b) => a.image.localeCompare(b.image)),
    );
    for (const svc of Object.values(doc.services).filter((x) => x.build !== undefined))
      expect(svc.profiles).toEqual(['images']);
  });
});
