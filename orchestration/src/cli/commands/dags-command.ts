import { CommanderError, Option, type Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { compileDags } from '../../airflow/compile-dags.js';
import {
  AirflowCompileError,
  DAG_TARGETS,
  type AirflowMajor,
  type DagTarget,
  type DbtTaskMode,
} from '../../airflow/compile-options.js';
import { writeDagFiles } from '../../airflow/write-dag-files.js';
import { ExitCode, type CliApp } from '../cli-app.js';

interface DagsBuildOptions {
  readonly out: string;
  readonly airflow: '2' | '3';
  readonly target: DagTarget;
  readonly dbtTasks: DbtTaskMode;
  readonly airflowVersion?: string;
}

/**
 * `voyager dags build [--out DIR] [--airflow 3|2] [--airflow-version X.Y.Z] [--target ecs|docker|process]
 * [--dbt-tasks model|group]`: compiles the code location to an Airflow DAG bundle (default
 * `build/dags`, relative to the project) and prints one line per file on stdout.
 *
 * @throws CommanderError with exit code 2 (usage) when the graph cannot be compiled; the reason goes to stderr.
 */
export function registerDagsCommand(program: Command, app: CliApp): void {
  const dags = program.command('dags').description('compile the asset graph to Airflow DAGs');
  dags
    .command('build')
    .description(
      'write one Airflow DAG per schedule, the operator package (dags/voyager_airflow), requirements.txt and a deploy README',
    )
    .option('--out <dir>', 'output folder, relative to the project', 'build/dags')
    .addOption(
      new Option('--airflow <major>', 'Airflow major version: 3 (Asset) or 2 (2.10, Dataset)')
        .choices(['3', '2'])
        .default('3'),
    )
    .option(
      '--airflow-version <x.y.z>',
      'exact Airflow release for the --constraint line of requirements.txt (default 3.3.1 or 2.10.3)',
    )
    .addOption(
      new Option(
        '--target <target>',
        'ecs (MWAA, EcsRunTaskOperator), docker (dev/, DockerOperator) or process (a subprocess on the worker)',
      )
        .choices([...DAG_TARGETS])
        .default('ecs'),
    )
    .addOption(
      new Option('--dbt-tasks <mode>', 'one task per dbt model, or one dbt build per dbt folder')
        .choices(['model', 'group'])
        .default('model'),
    )
    .action(async (opts: DagsBuildOptions) => {
      const defs = await app.loadDefinitions();
      const outDir = isAbsolute(opts.out) ? opts.out : resolve(app.projectDir, opts.out);
      let files;
      try {
        files = compileDags(defs, {
          airflow: Number(opts.airflow) as AirflowMajor,
          target: opts.target,
          dbtTasks: opts.dbtTasks,
          ...(opts.airflowVersion === undefined ? {} : { airflowVersion: opts.airflowVersion }),
        });
      } catch (error) {
        if (!(error instanceof AirflowCompileError)) throw error;
        process.stderr.write(`voyager dags build: ${error.message}\n`);
        throw new CommanderError(ExitCode.Usage, 'voyager.dagsCompile', error.message);
      }
      const result = await writeDagFiles(outDir, files);
      const fromCwd = relative(process.cwd(), outDir);
      const shown = fromCwd === '' ? '.' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? outDir : fromCwd;
      for (const path of result.written) process.stdout.write(`${shown}/${path}\n`);
      for (const path of result.removed) process.stdout.write(`removed ${shown}/${path}\n`);
      const dagCount = files.filter((f) => f.path.startsWith('dags/')).length;
      app.log.debug({ outDir, dags: dagCount, files: files.length }, 'DAG bundle written');
    });
}
