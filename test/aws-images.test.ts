import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { imageBuildMatrix } from '@voyager/iac';
import definitions from '../definitions.js';
import { repoRoot } from './run-cli.js';

// Static checks of the Node images (no Docker engine here; images.yml builds them on GitHub).
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
const nodeImages = definitions.images.filter((i) => i.command[0] === 'node' && i.name !== 'dbt');
const dockerfile = nodeImages[0]!.dockerfile;
const source = read(dockerfile);
/** The Dockerfile's stages by name, each with its lines. */
const stages = new Map<string, string[]>();
{
  let current: string[] = [];
  for (const line of source.split('\n')) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) stages.set(from[1]!, (current = []));
    current.push(line);
  }
}

describe('the Node images (extract, load)', () => {
  it('are built from one Dockerfile, parametrised by the package', () => {
    expect(nodeImages.map((i) => i.name).sort()).toEqual(['extract', 'load']);
    expect(new Set(nodeImages.map((i) => i.dockerfile))).toEqual(new Set(['docker/node-package.Dockerfile']));
    expect(imageBuildMatrix(nodeImages).map((b) => [b.name, b.package])).toEqual([
      ['extract', 'extract'],
      ['load', 'load'],
    ]);
    for (const stage of ['build', 'deps', 'runtime'])
      expect(stages.get(stage)?.join('\n')).toMatch(/^ARG PACKAGE$/m);
    expect(stages.get('runtime')!.join('\n')).toMatch(
      /COPY --from=build .*\/app\/\$\{PACKAGE\}\/dist \.\/\$\{PACKAGE\}\/dist/,
    );
  });

  it('run on the current Node LTS (an even major >= 24), as the unprivileged node user', () => {
    const base = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(source);
    expect(base, 'ARG NODE_IMAGE=node:<major>-bookworm-slim').not.toBeNull();
    const major = Number(base![1]);
    expect(major).toBeGreaterThanOrEqual(24);
    expect(major % 2).toBe(0);
    expect(stages.get('runtime')!.join('\n')).toMatch(/^USER node$/m);
  });

  it('copy every workspace manifest before npm ci (npm ci refuses a tree that differs from the lockfile)', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const manifests = stages.get('manifests')!.join('\n');
    for (const ws of workspaces) expect(manifests, ws).toContain(`COPY ${ws}/package.json ${ws}/`);
    for (const stage of ['build', 'deps']) expect(source).toMatch(new RegExp(`FROM manifests AS ${stage}`));
    const ignore = read(`${dockerfile}.dockerignore`).split('\n');
    for (const ws of workspaces)
      if (ignore.includes(ws))
        expect(ignore, `${ws}/package.json must stay in the context`).toContain(`!${ws}/package.json`);
  });

  it('get PACKAGE from images.yml and from the dev compose file, the folder of their entry script', () => {
    const images = read('.github/workflows/images.yml');
    expect(images).toMatch(/PACKAGE: \$\{\{ matrix\.image\.package \}\}/);
    expect(images).toMatch(/docker build --file "\$DOCKERFILE" --build-arg "PACKAGE=\$PACKAGE"/);
    const compose = parse(read('dev/docker-compose.yml')) as {
      services: Record<
        string,
        { image?: string; build?: { dockerfile: string; args?: Record<string, string> } }
      >;
    };
    for (const build of imageBuildMatrix(nodeImages)) {
      const service = Object.values(compose.services).find((s) => s.image === `voyager-${build.name}:dev`);
      expect(service?.build?.args?.PACKAGE, build.name).toBe(build.package);
      expect(read(`${build.package}/package.json`)).toMatch(/"build":/);
    }
  });
});
