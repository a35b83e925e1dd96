import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Folder of the recorded Strava responses shipped with the package (`extract/fixtures/strava-api-v3`). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/strava-api-v3/', import.meta.url));

/** Number of recorded `/athlete/activities` pages (page 39 is the empty end-of-paging page). */
const RECORDED_PAGES = 39;

/** A JSON object as recorded. */
export type JsonObject = Record<string, unknown>;

/** The recorded responses the simulator serves (see `extract/fixtures/strava-api-v3/SOURCE.md`). */
export interface RecordedData {
  /** All 1,132 SummaryActivity objects, in recorded order (newest first). */
  readonly activities: readonly JsonObject[];
  /** Recorded DetailedActivity bodies by activity id. */
  readonly details: ReadonlyMap<number, JsonObject>;
  /** Recorded `key_by_type` stream sets by activity id. */
  readonly streams: ReadonlyMap<number, JsonObject>;
  readonly athlete: JsonObject;
  readonly zones: JsonObject;
  readonly stats: JsonObject;
  readonly tokenResponse: JsonObject;
  readonly errors: {
    readonly unauthorized: JsonObject;
    readonly invalidClient: JsonObject;
    readonly rateLimited: JsonObject;
  };
  /** Real `X-Ratelimit-*` / `X-Readratelimit-*` headers: of a normal response and of the recorded 429. */
  readonly rateLimitHeaders: {
    readonly ok: Record<string, string>;
    readonly exceeded: Record<string, string>;
  };
}

async function json<T = JsonObject>(name: string): Promise<T> {
  return JSON.parse(await readFile(`${FIXTURES_DIR}${name}`, 'utf8')) as T;
}

let cached: Promise<RecordedData> | undefined;

/** Loads the recorded data once per process. @throws when a fixture file is missing (a broken checkout). */
export function loadRecordedData(): Promise<RecordedData> {
  cached ??= (async () => {
    const pages = await Promise.all(
      Array.from({ length: RECORDED_PAGES }, (_, i) =>
        json<JsonObject[]>(`responses/client__all_athlete_activities__${i + 1}.json`),
      ),
    );
    const activity = await json('responses/client__activity.json');
    const ride = await json('responses/client__activity_ride.json');
    const headers = await json<{ ok: Record<string, string>; exceeded: Record<string, string> }>(
      'rate-limit-headers.json',
    );
    return {
      activities: pages.flat(),
      details: new Map([
        [activity.id as number, activity],
        [ride.id as number, ride],
      ]),
      streams: new Map([[activity.id as number, await json('responses/client__activity_streams.json')]]),
      athlete: await json('responses/client__athlete.json'),
      zones: await json('responses/client__athlete_zones.json'),
      stats: await json('responses/client__athlete_stats.json'),
      tokenResponse: await json('responses/oauth__token_refresh_token.json'),
      errors: {
        unauthorized: await json('responses/client__authorization_error.json'),
        invalidClient: await json('responses/oauth__token_invalid_client.json'),
        rateLimited: await json('responses/client__activity_with_ratelimit_exceeded.json'),
      },
      rateLimitHeaders: { ok: headers.ok, exceeded: headers.exceeded },
    };
  })();
  return cached;
}
