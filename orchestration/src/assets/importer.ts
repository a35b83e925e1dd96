import type { AssetContext } from '../context/asset-context.js';
import type { Metadata } from './json.js';

/** What an importer's `run` receives: the asset context of a one-off run (no partition) plus the path. */
export interface ImporterContext extends Omit<
  AssetContext,
  'partition' | 'attempt' | 'assetKey' | 'state' | 'runScope'
> {
  /** File or folder the user named on the command line, resolved to an absolute path. */
  readonly path: string;
}

/** What an importer returns: a summary shown as a table and stored as run metadata. */
export interface ImportSummary {
  /** Lines for humans, e.g. `activities read: 412`. */
  readonly lines: readonly string[];
  readonly metadata: Metadata;
}

/**
 * A one-off import from a file the user has (e.g. Strava's bulk export), run by
 * `voyager import <name> <path>`. It writes landing datasets; the normal load assets take it from there.
 */
export interface ImporterDefinition {
  /** kebab-case command argument, e.g. `strava-export`. */
  readonly name: string;
  readonly description: string;
  run(ctx: ImporterContext): Promise<ImportSummary>;
}
