import { join, resolve } from 'node:path';
import { loadConfig } from '@voyager/orchestration';
import { DEFAULT_LIFTING_INBOX } from './constants.js';

/** Where `landing/lifting/sets` reads lifting logs from. */
export interface LiftingEnvironment {
  /** Absolute inbox folder (or single file). */
  readonly inbox: string;
  /** Whether it is the default inbox (then an empty one gets the generated sample log). */
  readonly isDefault: boolean;
}

/**
 * Reads `VOYAGER_LIFTING_INBOX` (a folder or file of lifting logs, relative to the project, e.g.
 * `../shared/data/weightlifting`); unset: `$VOYAGER_HOME/inbox/lifting`.
 */
export function liftingEnvironment(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): LiftingEnvironment {
  const configured = env.VOYAGER_LIFTING_INBOX ?? '';
  if (configured !== '') return { inbox: resolve(projectDir, configured), isDefault: false };
  return { inbox: join(loadConfig(projectDir, env).home, DEFAULT_LIFTING_INBOX), isDefault: true };
}
