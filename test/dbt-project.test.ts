import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkNames,
  createTestRuntime,
  readDbtProject,
  type DbtProject,
  type ManifestNode,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { dbt, runDbtTool, sqlfluff, transformationDir } from './real-dbt.js';

// Real dbt is the reference for transformation/: `dbt parse` on the pinned dbt-core is clean with
// --warn-error, our project reader sees the same project as dbt's manifest, and sqlfluff (dbt
// templater, transformation/.sqlfluff) is clean.

interface Node extends ManifestNode {
  readonly unique_id: string;
  readonly schema: string;
  readonly config: { readonly materialized?: string; readonly severity?: string };
  readonly depends_on: { readonly nodes: readonly string[] };
}

describe.skipIf(!dbt.path)(`transformation/ under real dbt ${dbt.skipReason ?? ''}`, () => {
  let target: string;
  let parse: { code: number | null; output: string };
  let nodes: Node[];
  let project: DbtProject;
  beforeAll(async () => {
    target = await mkdtemp(join(tmpdir(), 'voyager-dbt-parse-'));
    parse = await runDbtTool(dbt.path!, [
      'parse',
      '--warn-error',
      '--no-partial-parse',
      '--profiles-dir',
      '.',
      '--target-path',
      target,
      '--log-path',
      target,
    ]);
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as {
      nodes: Record<string, Node>;
    };
    nodes = Object.values(manifest.nodes);
    project = await readDbtProject(transformationDir);
  }, 120_000);
  afterAll(async () => {
    if (target) await rm(target, { recursive: true, force: true });
  });

  it('parses with --warn-error: no deprecation or other warning', () => {
    expect(parse.output).not.toMatch(/deprecat|warning/i);
    expect(parse.code, parse.output).toBe(0);
  });

  it('fails with one line naming VOYAGER_TRAINING_AS_OF when it is not YYYY-MM-DD (it is pasted into SQL)', async () => {
    const bad = await runDbtTool(
      dbt.path!,
      [
        'parse',
        '--no-partial-parse',
        '--profiles-dir',
        '.',
        '--target-path',
        join(target, 'as-of'),
        '--log-path',
        join(target, 'as-of'),
      ],
      undefined,
      { VOYAGER_TRAINING_AS_OF: '15.04.2025' },
    );
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain(
      'VOYAGER_TRAINING_AS_OF must be a date as YYYY-MM-DD (e.g. 2025-04-15), or unset for today',
    );
  }, 120_000);

  it('has the same models, materializations, schemas and deps as the reader', () => {
    const models = nodes.filter((n) => n.resource_type === 'model');
    expect(models.map((n) => n.name).sort()).toEqual([...project.models.keys()].sort());
    for (const n of models) {
      const m = project.models.get(n.name)!;
      const parents = (prefix: string) =>
        n.depends_on.nodes.filter((d) => d.startsWith(prefix)).map((d) => d.split('.').slice(2).join('.'));
      expect({ materialized: m.materialized, schema: m.schema, refs: [...m.refs].sort() }, n.name).toEqual({
        materialized: n.config.materialized,
        schema: n.schema,
        refs: parents('model.').sort(),
      });
      expect(m.sources.map((s) => s.join('.')).sort(), n.name).toEqual(parents('source.').sort());
    }
  });

  it('has the same tests as the reader, source tests included, on the same relation and column', () => {
    const tests = nodes.filter((n) => n.resource_type === 'test');
    expect(tests.length).toBe(project.tests.length);
    // the two tests dbt declares on the source strava.activities are not dropped
    expect(project.tests.filter((t) => t.source?.source === 'strava').map((t) => t.name)).toEqual([
      'source_unique_strava_activities_activity_id',
      'source_not_null_strava_activities_activity_id',
    ]);
    for (const n of tests) {
      const ours = project.tests.find((t) => checkNames(n).includes(t.name));
      expect(ours, `${n.unique_id} has no counterpart among ${checkNames(n).join(', ')}`).toBeDefined();
      const parents = n.depends_on.nodes.map((d) => d.split('.').slice(2).join('.'));
      expect(ours!.severity).toBe(n.config.severity?.toLowerCase());
      if (n.test_metadata) {
        expect(ours!.kind).toBe(n.test_metadata.name);
        // a model-level test names its column (an expression, maybe) in its arguments
        const kwargColumn = n.test_metadata.kwargs?.column_name;
        expect(ours!.column ?? null).toBe(
          n.column_name ?? (typeof kwargColumn === 'string' ? kwargColumn : null),
        );
      }
      if (ours!.source) {
        expect(parents).toEqual([`${ours!.source.source}.${ours!.source.table}`]);
        // checked in the step of a model that reads the source
        expect(project.models.get(ours!.model)!.sources.map((s) => s.join('.'))).toContain(parents[0]);
      } else {
        expect(parents).toContain(ours!.model);
        if (n.attached_node) expect(n.attached_node.split('.').pop()).toBe(ours!.model);
      }
    }
  });
});

describe.skipIf(!sqlfluff.path)(`sqlfluff on transformation/ ${sqlfluff.skipReason ?? ''}`, () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    // the dbt templater compiles through dbt, which opens a connection
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('lints clean with the checked-in .sqlfluff (postgres, dbt templater)', async () => {
    const config = await readFile(join(transformationDir, '.sqlfluff'), 'utf8');
    expect(config).toMatch(/dialect = postgres/);
    expect(config).toMatch(/templater = dbt/);
    const lint = await runDbtTool(sqlfluff.path!, ['lint', '.', '--nocolor'], runtime.databaseUrl);
    expect(lint.output).toMatch(/All Finished/);
    expect(lint.output).not.toMatch(/FAIL|unparsable|TMP/);
    expect(lint.code, lint.output).toBe(0);
    // minutes on a busy 2-core machine: the dbt templater compiles every model (about 60)
  }, 600_000);
});
