import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./fixtures/strava-api-v3/', import.meta.url));

/** A recorded Strava API response from `fixtures/strava-api-v3` (MIT, see the licence files there). */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(`${DIR}${name}`, 'utf8')) as T;
}

/** The 1,132 real SummaryActivity records of GET /athlete/activities pages 1..39. */
export function allActivities(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let page = 1; page <= 39; page++)
    out.push(...fixture<Record<string, unknown>[]>(`client__all_athlete_activities__${page}.json`));
  return out;
}
