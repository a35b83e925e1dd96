import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli.js';

// The dbt image, checked statically (no Docker engine here; images.yml builds it in GitHub
// Actions): a maintained Python base, dbt from the same pins as the local tools, Node LTS.
const read = (path: string) => readFile(join(repoRoot, path), 'utf8');

describe('transformation/Dockerfile', () => {
  it('builds on a maintained Python base and a Node LTS image, not the frozen dbt-postgres image', async () => {
    const dockerfile = await read('transformation/Dockerfile');
    const arg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)$`, 'm').exec(dockerfile)?.[1];
    // Debian 13 (trixie) is the current stable release; bookworm is still security-supported
    expect(arg('PYTHON_IMAGE')).toMatch(/^python:3\.1[1-3]-slim-(trixie|bookworm)$/);
    const nodeMajor = Number(/^node:(\d+)-/.exec(arg('NODE_IMAGE') ?? '')?.[1]);
    expect(nodeMajor % 2 === 0 && nodeMajor >= 24, `node ${nodeMajor} is an LTS line`).toBe(true);
    const bases = dockerfile.split('\n').filter((l) => /^(ARG|FROM) /.test(l));
    expect(bases.filter((l) => /dbt-labs\/dbt-postgres|bullseye/.test(l))).toEqual([]);
    expect(dockerfile).toMatch(/^FROM \$\{PYTHON_IMAGE\} AS runtime$/m);
  });

  it('installs dbt-core and dbt-postgres constrained by dev/python-tools/dbt.txt, the pins of .tools/dbt', async () => {
    const dockerfile = await read('transformation/Dockerfile');
    const pins = await read('dev/python-tools/dbt.txt');
    expect(pins).toMatch(/^dbt-core==1\.11\.16$/m);
    expect(pins).toMatch(/^dbt-postgres==1\.11\.0$/m);
    const copied = /^COPY dev\/python-tools\/dbt\.txt (\S+)$/m.exec(dockerfile)?.[1];
    expect(copied).toBeDefined();
    expect(dockerfile).toContain(
      `pip install --no-cache-dir --disable-pip-version-check --constraint ${copied}`,
    );
    expect(dockerfile).toMatch(/--constraint \S+ \\\n\s+dbt-core dbt-postgres \\/);
    // the build context keeps the pin file although dev/ is ignored
    const ignore = (await read('transformation/Dockerfile.dockerignore')).split('\n');
    expect(ignore.indexOf('!dev/python-tools/dbt.txt')).toBeGreaterThan(ignore.indexOf('dev'));
  });

  it('copies only paths that exist, and parses the project with --warn-error at build time', async () => {
    const dockerfile = await read('transformation/Dockerfile');
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(\S+) \S+$/gm)) {
      expect(existsSync(join(repoRoot, m[1]!)), m[1]).toBe(true);
    }
    expect(dockerfile).toMatch(/dbt parse --warn-error --project-dir transformation/);
    expect(dockerfile).toMatch(/VOYAGER_DBT_RUNNER=dbt/);
  });
});
