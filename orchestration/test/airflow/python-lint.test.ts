import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requirePythonTool } from '@voyager/orchestration/testing';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '../../airflow');
const ruff = requirePythonTool('lint', 'ruff');

describe.skipIf(!ruff.path)(
  `the operator package and the Airflow test harnesses are ruff-clean ${ruff.skipReason ?? ''}`,
  () => {
    const files = [
      packageDir,
      ...['dagbag_report.py', 'partition_runs.py', 'ecs_on_moto.py'].map((f) => join(here, f)),
    ];
    const config = ['--config', join(packageDir, 'pyproject.toml')];

    it('ruff check (pyflakes, pycodestyle, isort, pyupgrade, bugbear, annotations, naming)', async () => {
      const { stdout } = await run(ruff.path!, ['check', ...config, ...files]);
      expect(stdout).toContain('All checks passed!');
    });

    it('ruff format --check', async () => {
      await expect(run(ruff.path!, ['format', '--check', ...config, ...files])).resolves.toBeDefined();
    });
  },
);
