import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from '@voyager/orchestration/testing';

/** Files kept outside `responses/` in the shared `strava-api-v3` folder, by the short name the tests use. */
const ELSEWHERE: Record<string, string> = {
  'models-detailed-run.json': 'models/detailed_activities/run.json',
  'go-strava-activity_stream.json': 'go-strava-2014/activity_stream.json',
};

/**
 * A recorded Strava API response from the shared `strava-api-v3` data beside the checkout
 * (`../shared/data`, MIT, see its SOURCE.md): `responses/<name>`, or one of {@link ELSEWHERE}.
 * @throws Error naming the missing folder when the shared data is absent.
 */
export function fixture<T = unknown>(name: string): T {
  const path = sharedData(join('strava-api-v3', ELSEWHERE[name] ?? join('responses', name)));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The 1,132 real SummaryActivity records of GET /athlete/activities pages 1..39. */
export function allActivities(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let page = 1; page <= 39; page++)
    out.push(...fixture<Record<string, unknown>[]>(`client__all_athlete_activities__${page}.json`));
  return out;
}
