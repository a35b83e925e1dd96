import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig, openObjectStore, readEnvironment, type ObjectStore } from '@voyager/orchestration';

/** The variables of the web-events source. */
export const WebEventsEnvironment = z.object({
  VOYAGER_EVENTS_URL: z.string().min(1).optional().meta({
    description:
      "Where tracking events are delivered (Segment spec, as Amazon Data Firehose or Segment's S3 destination writes them: gzip or plain, NDJSON or concatenated JSON): `s3://bucket/web-data/raw/` or a folder.",
    unset: "`$VOYAGER_HOME/web-events`, filled by Voyager's event generator",
  }),
});
export type WebEventsEnvironment = z.infer<typeof WebEventsEnvironment>;

/** Where `landing/web_events/events` reads events from. */
export interface WebEventsSource {
  readonly store: ObjectStore;
  /** The default (generated) folder: the generator adds the missing hours before each run. */
  readonly isDefault: boolean;
}

/**
 * Opens `VOYAGER_EVENTS_URL` (an `s3://` prefix, through `VOYAGER_S3_ENDPOINT` / `AWS_REGION` like
 * the landing zone, or a folder relative to the project); unset: `$VOYAGER_HOME/web-events`.
 * @throws ConfigError naming the variable when it is malformed.
 */
export function openWebEventsSource(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): WebEventsSource {
  const { VOYAGER_EVENTS_URL } = readEnvironment(WebEventsEnvironment, env);
  if (VOYAGER_EVENTS_URL) {
    const url =
      VOYAGER_EVENTS_URL.startsWith('s3://') || VOYAGER_EVENTS_URL.startsWith('/')
        ? VOYAGER_EVENTS_URL
        : join(projectDir, VOYAGER_EVENTS_URL);
    return { store: openObjectStore(url, env), isDefault: false };
  }
  return {
    store: openObjectStore(join(loadConfig(projectDir, env).home, 'web-events'), env),
    isDefault: true,
  };
}
