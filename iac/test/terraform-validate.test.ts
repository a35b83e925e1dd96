import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { synthesize } from './support/synth.js';

/**
 * `terraform validate` of every synthesized stack, offline: it needs a `terraform` binary and a
 * filesystem mirror of the AWS provider (`VOYAGER_TF_PLUGIN_DIR`, default `/opt/tf-plugins`), and
 * is skipped without them (CI runs the real `init` + `plan` in iac-plan.yml). The mirror's provider
 * version replaces the pinned one, so this checks structure against that version's schema.
 */
const pluginDir = process.env.VOYAGER_TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const awsMirror = join(pluginDir, 'registry.terraform.io/hashicorp/aws');
const mirrorVersion = existsSync(awsMirror) ? readdirSync(awsMirror).sort().at(-1) : undefined;
const run = promisify(execFile);
const terraform = await run('terraform', ['version'])
  .then(() => true)
  .catch(() => false);
const work = mkdtempSync(join(tmpdir(), 'voyager-tf-validate-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!terraform || !mirrorVersion)(`terraform validate (provider mirror ${mirrorVersion})`, () => {
  it('accepts every stack, MWAA and NAT included', { timeout: 120_000 }, async () => {
    const env = testEnvironment({
      features: { mwaa: true },
      network: { ...testEnvironment().network, taskSubnets: 'private', privateEgress: 'nat' },
    });
    const { stacks } = synthesize(fakeDefinitions(), env);
    // One root module calling every stack as a child module: the provider schema loads once.
    const providers = { aws: { source: 'hashicorp/aws', version: mirrorVersion } };
    const modules: Record<string, { source: string }> = {};
    for (const [name, json] of Object.entries(stacks)) {
      mkdirSync(join(work, name), { recursive: true });
      const { backend: _backend, ...terraformBlock } = json.terraform ?? {};
      const config = { ...json, terraform: { ...terraformBlock, required_providers: providers } };
      writeFileSync(join(work, name, 'main.tf.json'), JSON.stringify(config));
      modules[name] = { source: `./${name}` };
    }
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify({ module: modules }));
    const tf = async (...args: string[]): Promise<{ stdout: string }> =>
      run('terraform', [`-chdir=${work}`, ...args], {
        encoding: 'utf8',
        env: { ...process.env, TF_IN_AUTOMATION: '1' },
      });
    await tf('init', '-backend=false', `-plugin-dir=${pluginDir}`, '-input=false', '-no-color');
    const { stdout } = await tf('validate', '-json', '-no-color').catch((e: { stdout: string }) => e);
    const report = JSON.parse(stdout) as {
      valid: boolean;
      diagnostics: { severity: string; summary: string; detail: string; range?: { filename: string } }[];
    };
    const errors = report.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.range?.filename ?? ''}: ${d.summary}: ${d.detail}`);
    expect(errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(Object.keys(modules)).toHaveLength(7);
  });
});
