import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, readEnvironment } from '@voyager/orchestration';
import { DEFAULT_INBOX } from './constants.js';

/** The variables of the activity-file inbox. */
export const FilesEnvironment = z.object({
  VOYAGER_INBOX_URL: z
    .string()
    .min(1)
    .refine((v) => v.startsWith('s3://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('file://'), {
      message: 'must be s3://bucket/prefix/ or a local folder',
    })
    .optional()
    .meta({
      description:
        'Inbox of activity files `landing/files/activities` takes (FIT, GPX, TCX, maybe .gz, zips, Strava/Garmin export archives): a local folder or `s3://bucket/prefix/`. Files are taken once by content and never deleted.',
      unset: '`$VOYAGER_HOME/inbox`',
    }),
});
export type FilesEnvironment = z.infer<typeof FilesEnvironment>;

/**
 * Where `landing/files/activities` reads: `VOYAGER_INBOX_URL` (an `s3://` URL, or a folder
 * relative to the project), else `$VOYAGER_HOME/inbox` (`.voyager/inbox`).
 * @throws ConfigError naming the variable when it is malformed.
 */
export function filesInboxUrl(projectDir: string, env: Readonly<Record<string, string | undefined>>): string {
  const { VOYAGER_INBOX_URL } = readEnvironment(FilesEnvironment, env);
  if (VOYAGER_INBOX_URL?.startsWith('s3://')) return VOYAGER_INBOX_URL;
  if (VOYAGER_INBOX_URL) return resolve(projectDir, VOYAGER_INBOX_URL.replace(/^file:\/\//, ''));
  return join(loadConfig(projectDir, env).home, DEFAULT_INBOX);
}
