import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePythonTool } from '@voyager/orchestration/testing';
import { fakeDefinitions, testEnvironment } from './support/fixtures.js';
import { synthesize } from './support/synth.js';

/**
 * checkov (the pinned one in `.tools/lint`) over the synthesized Terraform JSON: the real
 * `npm run synth` of definitions.ts, with and without MWAA, plus the test graph with VPC endpoints
 * (the NAT variant is the MWAA synth), so every construct is scanned. 0 failed checks with the checked-in
 * `iac/.checkov.yaml`, whose every skip carries its reason.
 */
const checkov = requirePythonTool('lint', 'checkov');
const run = promisify(execFile);
const iacDir = fileURLToPath(new URL('..', import.meta.url));
const configFile = join(iacDir, '.checkov.yaml');
const work = mkdtempSync(join(tmpdir(), 'voyager-checkov-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Skips that the config says apply to one resource only: check id -> the resources that may fail it. */
const RESOURCE_SCOPED: Readonly<Record<string, RegExp>> = {
  CKV2_AWS_5: /^aws_security_group\.network_task-sg_/,
  CKV_AWS_107: /^data\.boundary_document_/,
  CKV_AWS_108: /^data\.boundary_document_/,
  CKV_AWS_109: /^data\.boundary_document_/,
  CKV_AWS_110: /^data\.boundary_document_/,
  CKV_AWS_111: /^data\.boundary_document_/,
  CKV_AWS_356: /^data\.boundary_document_/,
};

interface CheckovReport {
  readonly summary: { passed: number; failed: number; skipped: number; parsing_errors: number };
  readonly results: { failed_checks: { check_id: string; resource: string; file_path: string }[] };
}

async function scan(args: readonly string[]): Promise<CheckovReport> {
  const { stdout } = await run(
    checkov.path!,
    ['-d', work, '--framework', 'terraform_json', '-o', 'json', ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LOG_LEVEL: 'ERROR' },
    },
  ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' })); // exit 1 when a check fails
  const parsed = JSON.parse(stdout) as CheckovReport | CheckovReport[];
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}

describe.skipIf(!checkov.path)(
  `checkov over the synthesized Terraform JSON ${checkov.skipReason ?? ''}`,
  () => {
    beforeAll(async () => {
      for (const [name, mwaa] of [
        ['synth', 'false'],
        ['synth-mwaa', 'true'],
      ] as const) {
        await run('npm', ['run', '-s', 'synth'], {
          cwd: iacDir,
          env: { ...process.env, CDKTF_OUTDIR: join(work, name), VOYAGER_MWAA: mwaa },
        });
      }
      const network = {
        ...testEnvironment().network,
        privateEgress: 'endpoints' as const,
      };
      const { stacks } = synthesize(
        fakeDefinitions(),
        testEnvironment({ features: { mwaa: true }, network }),
      );
      for (const [name, json] of Object.entries(stacks)) {
        mkdirSync(join(work, 'endpoints', name), { recursive: true });
        writeFileSync(join(work, 'endpoints', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
      }
    }, 300_000);

    it('finds 0 failed checks with the checked-in config', { timeout: 300_000 }, async () => {
      const report = await scan(['--config-file', configFile]);
      expect(report.summary.parsing_errors).toBe(0);
      expect(report.results.failed_checks.map((f) => `${f.check_id} ${f.resource} ${f.file_path}`)).toEqual(
        [],
      );
      expect(report.summary.failed).toBe(0);
      expect(report.summary.passed).toBeGreaterThan(300);
    });

    it(
      'fails the resource-scoped skips on exactly the resources the config names',
      { timeout: 300_000 },
      async () => {
        const report = await scan(['--skip-download', '--check', Object.keys(RESOURCE_SCOPED).join(',')]);
        const failed = report.results.failed_checks;
        const elsewhere = failed.filter((f) => !RESOURCE_SCOPED[f.check_id]!.test(f.resource));
        expect(elsewhere.map((f) => `${f.check_id} ${f.resource} ${f.file_path}`)).toEqual([]);
        // still failing where expected: when a construct is fixed, its skip must go
        expect(new Set(failed.map((f) => f.check_id))).toEqual(new Set(Object.keys(RESOURCE_SCOPED)));
      },
    );

    it('gives a reason (a comment) for every skipped check in the config', () => {
      const lines = readFileSync(configFile, 'utf8').split('\n');
      const skips = lines.flatMap((line, i) => (/^\s*- CKV/.test(line) ? [i] : []));
      expect(skips.length).toBeGreaterThan(0);
      for (const i of skips) {
        let j = i - 1;
        while (j >= 0 && /^\s*- CKV/.test(lines[j]!)) j -= 1;
        expect(lines[j], `reason for ${lines[i]!.trim()}`).toMatch(/^\s*#\s*\S/);
      }
      for (const id of Object.keys(RESOURCE_SCOPED))
        expect(lines.some((l) => l.trim() === `- ${id}`)).toBe(true);
    });
  },
);
