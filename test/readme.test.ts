import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnvironmentTable, withEnvironmentTable } from './readme-env.js';
import { currentMermaid, withGraph } from './readme-graph.js';
import { repoRoot, runVoyager } from './run-cli.js';

describe('README', () => {
  it('gives the two quick-start commands, and .ci/run runs the same test command', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test$/m);
    const ci = await readFile(join(repoRoot, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });

  it('shows the current asset graph (run `npm run docs:graph` after changing definitions.ts)', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toBe(withGraph(readme, await currentMermaid()));
  });

  it('has the configuration table generated from the environment schemas (run `npm run docs:env`)', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toBe(withEnvironmentTable(readme, currentEnvironmentTable()));
    for (const name of [
      'VOYAGER_DBT_RUNNER',
      'VOYAGER_S3_ENDPOINT',
      'AWS_REGION',
      'STRAVA_CLIENT_ID',
      'SUPABASE_URL',
    ])
      expect(readme).toContain(`| \`${name}\` |`);
  });

  it('documents every voyager command that --help lists', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const help = await runVoyager(['--help'], {});
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)]
      .map((m) => m[1]!)
      .filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const c of commands) expect(readme).toContain(`voyager ${c}`);
  });
});
