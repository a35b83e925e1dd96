import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import defs from '../../../definitions.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The Airflow release of the pins in dev/python-tools/airflow.txt, which the DAGs are tested on. */
const AIRFLOW_RELEASE = /^apache-airflow==(.+)$/m.exec(
  readFileSync(join(root, 'dev/python-tools/airflow.txt'), 'utf8'),
)![1]!;
const require = createRequire(import.meta.url);

interface ComposeService {
  readonly image?: string;
  readonly command?: string | string[];
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly environment?: Record<string, string>;
  readonly volumes?: string[];
  readonly profiles?: string[];
  readonly depends_on?: Record<string, { condition: string }>;
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

  it('runs Airflow 3 with the LocalExecutor on the generated DAGs and their operator package, with a metadata and a warehouse Postgres', async () => {
    const { doc } = await composeFile();
    const s = doc.services;
    for (const name of ['airflow-apiserver', 'airflow-scheduler', 'airflow-dag-processor', 'airflow-init']) {
      expect(s[name]!.image, name).toMatch(/^apache\/airflow:3\./);
      expect(s[name]!.environment!.AIRFLOW__CORE__EXECUTOR).toBe('LocalExecutor');
      expect(s[name]!.image, name).toBe(`apache/airflow:${AIRFLOW_RELEASE}-python3.12`);
      // the operators ship under dags/voyager_airflow: no plugins folder (MWAA: plugins are for UI extensions)
      expect(s[name]!.volumes).toContain('../build/dags/dags:/opt/airflow/dags:ro');
      expect(s[name]!.volumes!.filter((v) => v.includes('plugins'))).toEqual([]);
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

  it('pins the docker socket proxy to a published tag (0.3.0; v0.3.0 does not exist)', async () => {
    const { doc } = await composeFile();
    expect(doc.services['docker-socket-proxy']!.image).toBe('tecnativa/docker-socket-proxy:0.3.0');
  });

  it('hands the landing volume to uid 1000 (node, the user of the extract and load images) before any task', async () => {
    const { doc } = await composeFile();
    // the images that touch the landing zone: those of every non-dbt asset
    const landingImages = defs.images.filter((i) => i.name !== 'dbt');
    for (const dockerfile of new Set(landingImages.map((i) => i.dockerfile))) {
      const text = await readFile(join(root, dockerfile), 'utf8');
      expect(text, dockerfile).toMatch(/^USER node$/m);
      expect(text, dockerfile).toMatch(/^ARG NODE_IMAGE=node:/m);
    }
    const init = doc.services['landing-init']!;
    expect(init.command).toEqual(['chown', '-R', '1000:1000', '/var/lib/voyager/landing']);
    expect(init.volumes).toEqual(['landing:/var/lib/voyager/landing']);
    for (const name of ['airflow-scheduler', 'airflow-apiserver', 'airflow-dag-processor'])
      expect(doc.services[name]!.depends_on?.['landing-init'], name).toEqual({
        condition: 'service_completed_successfully',
      });
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
