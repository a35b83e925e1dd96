import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonObject, SimulatorData } from './simulator-data.js';
import { syntheticDetail } from './synthetic-detail.js';
import { syntheticStreams } from './synthetic-streams.js';

/** The recorded `/athlete/activities` pages: `responses/client__all_athlete_activities__<N>.json`. */
const PAGE = /^client__all_athlete_activities__(\d+)\.json$/;

const cache = new Map<string, Promise<SimulatorData>>();

/**
 * Recorded Strava responses in the `responses/` layout of `strava-api-v3` (as recorded by
 * dblock/strava-ruby-client, see that folder's SOURCE.md): every list page, the recorded
 * DetailedActivity bodies and stream set, the athlete, zones, stats, token and error bodies.
 * Details and streams of other activities are generated as for the synthetic athlete. The list is
 * the same at any time. Loaded once per folder and process.
 * @throws Error naming the folder (and `VOYAGER_SIMULATOR_DATA`) when it lacks a needed file.
 */
export function loadRecordedData(dir: string): Promise<SimulatorData> {
  let loaded = cache.get(dir);
  if (!loaded) {
    loaded = read(dir);
    cache.set(dir, loaded);
    loaded.catch(() => cache.delete(dir));
  }
  return loaded;
}

async function read(dir: string): Promise<SimulatorData> {
  const responses = join(dir, 'responses');
  const json = async <T = JsonObject>(name: string): Promise<T> => {
    try {
      return JSON.parse(await readFile(join(responses, name), 'utf8')) as T;
    } catch (error) {
      throw new Error(
        `VOYAGER_SIMULATOR_DATA=${dir}: cannot read responses/${name} (${(error as Error).message}); point it at a folder of recorded Strava responses such as ../shared/data/strava-api-v3, or unset it for the synthetic athlete`,
      );
    }
  };
  const names = await readdir(responses).catch(() => [] as string[]);
  const pages = names
    .map((n) => PAGE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  if (pages.length === 0) await json('client__all_athlete_activities__1.json'); // throws the clear error
  const activities = (await Promise.all(pages.map((m) => json<JsonObject[]>(m[0])))).flat();
  const details = new Map<number, JsonObject>();
  for (const name of ['client__activity.json', 'client__activity_ride.json']) {
    const detail = await json(name);
    details.set(Number(detail.id), detail);
  }
  const recordedStreams = await json('client__activity_streams.json');
  const streamsId = Number((await json('client__activity.json')).id);
  const stats = await json('client__athlete_stats.json');
  const token = await json('oauth__token_refresh_token.json');
  return {
    source: 'recorded',
    dir,
    activitiesAt: () => activities,
    detail: (summary) => details.get(Number(summary.id)) ?? syntheticDetail(summary),
    streams: (summary) => (Number(summary.id) === streamsId ? recordedStreams : syntheticStreams(summary)),
    athlete: await json('client__athlete.json'),
    zones: await json('client__athlete_zones.json'),
    stats: () => stats,
    tokenResponse: token,
    errors: {
      unauthorized: await json('client__authorization_error.json'),
      invalidClient: await json('oauth__token_invalid_client.json'),
      rateLimited: await json('client__activity_with_ratelimit_exceeded.json'),
    },
  };
}
