import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, readEnvironment } from '@voyager/orchestration';
import { DEFAULT_LIFTING_INBOX } from './constants.js';

/** The variables of the lifting-log source. */
export const LiftingEnvironment = z.object({
  VOYAGER_LIFTING_INBOX: z.string().min(1).optional().meta({
    description:
      'Folder (or file) of lifting logs `landing/lifting/sets` imports: Strong / Hevy CSV exports, .xlsx workbooks (e.g. `../shared/data/weightlifting`). An empty default inbox gets a generated sample log.',
    unset: '`$VOYAGER_HOME/inbox/lifting`',
  }),
});
export type LiftingEnvironment = z.infer<typeof LiftingEnvironment>;

/** Where `landing/lifting/sets` reads lifting logs from. */
export interface LiftingInbox {
  /** Absolute inbox folder (or single file). */
  readonly inbox: string;
  /** Whether it is the default inbox (then an empty one gets the generated sample log). */
  readonly isDefault: boolean;
}

/**
 * Reads `VOYAGER_LIFTING_INBOX` (relative to the project); unset: `$VOYAGER_HOME/inbox/lifting`.
 * @throws ConfigError naming the variable when it is malformed.
 */
export function liftingInbox(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): LiftingInbox {
  const { VOYAGER_LIFTING_INBOX } = readEnvironment(LiftingEnvironment, env);
  if (VOYAGER_LIFTING_INBOX) return { inbox: resolve(projectDir, VOYAGER_LIFTING_INBOX), isDefault: false };
  return { inbox: join(loadConfig(projectDir, env).home, DEFAULT_LIFTING_INBOX), isDefault: true };
}
