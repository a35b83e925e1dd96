import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { createLogger } from '../context/logger.js';
import type { Definitions } from '../assets/definitions.js';
import type { ImageDefinition } from '../assets/image.js';
import { environmentHelp } from './environment-help.js';
import { ConfigError, VoyagerEnvironment, voyagerSetting } from '../config/environment.js';
import { GraphError } from '../graph/graph-error.js';
import { PartitionError } from '../assets/partitions.js';
import { DefinitionsError } from '../assets/definitions.js';
import { PlanError } from '../executor/plan.js';
import { ExitCode, type CliApp } from './cli-app.js';
import { CodeLocationError, findProjectDir, loadDefinitions } from './load-definitions.js';
import { registerDagsCommand } from './commands/dags-command.js';
import { registerGraphCommand } from './commands/graph-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerListCommand } from './commands/list-command.js';
import { registerLogsCommand } from './commands/logs-command.js';
import { registerMaterializeCommand } from './commands/materialize-command.js';
import { registerSqlCommand } from './commands/sql-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerUiCommand } from './commands/ui-command.js';
import { errorMessage, isUsageError } from '../errors.js';

const USAGE_ERRORS = [
  ConfigError,
  GraphError,
  PartitionError,
  PlanError,
  DefinitionsError,
  CodeLocationError,
];

/**
 * Builds the `voyager` program (exported for tests). `images`: the code location's images, whose
 * declared env prefixes and secrets the help lists (undefined when definitions.ts did not load).
 */
export function buildProgram(app: CliApp, images?: readonly ImageDefinition[]): Command {
  const program = new Command('voyager')
    .description(
      'Voyager: own your activity data. Materialize the asset graph of definitions.ts locally, inspect it, compile it.',
    )
    .showHelpAfterError()
    .exitOverride();
  program.addHelpText(
    'after',
    `
${environmentHelp(images)}

Exit codes: 0 all succeeded, 1 an asset failed, 2 usage or configuration error, 130 canceled.`,
  );
  registerListCommand(program, app);
  registerGraphCommand(program, app);
  registerMaterializeCommand(program, app);
  registerStatusCommand(program, app);
  registerLogsCommand(program, app);
  registerSqlCommand(program, app);
  registerImportCommand(program, app);
  registerDagsCommand(program, app);
  registerUiCommand(program, app);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  // the logger needs a valid level before anything else can be said
  const level = VoyagerEnvironment.shape.VOYAGER_LOG_LEVEL.safeParse(
    process.env.VOYAGER_LOG_LEVEL || undefined,
  );
  if (!level.success) {
    process.stderr.write(`VOYAGER_LOG_LEVEL: ${level.error.issues[0]?.message ?? 'invalid'}\n`);
    return ExitCode.Usage;
  }
  const log = createLogger();
  let projectDir: string;
  try {
    projectDir = voyagerSetting(process.env, 'VOYAGER_PROJECT_DIR') ?? findProjectDir(cwd);
  } catch (error) {
    projectDir = cwd;
    if (!argv.includes('--help') && !argv.includes('-h') && argv.length > 0) {
      log.error(errorMessage(error));
      return ExitCode.Usage;
    }
  }
  // direnv users get .envrc; everyone else gets .env.local read here (never overriding the environment)
  const envLocal = join(projectDir, '.env.local');
  if (existsSync(envLocal)) process.loadEnvFile(envLocal);
  let cached: Promise<Definitions> | undefined;
  // help texts are synchronous: the help lists what the images declare and `import --help` the
  // importers, so load the code location first (best effort)
  const wantsHelp = argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
  const loaded = wantsHelp ? await loadDefinitions(projectDir).catch(() => undefined) : undefined;
  if (loaded) cached = Promise.resolve(loaded);
  const app: CliApp = {
    projectDir,
    log,
    loadDefinitions: () => (cached ??= loadDefinitions(projectDir)),
    ...(loaded ? { loaded } : {}),
  };
  const program = buildProgram(app, loaded?.images);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (USAGE_ERRORS.some((E) => error instanceof E) || isUsageError(error)) {
      log.error(errorMessage(error));
      return ExitCode.Usage;
    }
    log.error({ err: errorMessage(error) }, 'voyager failed');
    return ExitCode.AssetFailed;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
