import type { Definitions } from '../assets/definitions.js';
import type { Logger } from 'pino';

/** What every CLI command gets: the project root, a logger and the code location loader. */
export interface CliApp {
  /** Directory holding `definitions.ts` (the current directory, or `--project`). */
  readonly projectDir: string;
  /** Logger for the CLI itself (stderr). */
  readonly log: Logger;
  /** Imports `<projectDir>/definitions.ts` and returns its default export. Cached. */
  loadDefinitions(): Promise<Definitions>;
  /** The definitions when already loaded (for help texts, which are synchronous). */
  readonly loaded?: Definitions;
}

/**
 * Exit codes of `voyager`: 0 all succeeded, 1 an asset failed, 2 usage or configuration error.
 * Any error with `readonly usage = true` (bad input the user named: a path, an option value) exits 2.
 */
export const ExitCode = Object.freeze({ Ok: 0, AssetFailed: 1, Usage: 2 });
