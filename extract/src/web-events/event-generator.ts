import { gzipSync } from 'node:zlib';
import type { ObjectStore } from '@voyager/orchestration';
import { seededRandom } from '../strava/simulator/seeded-random.js';

const HOUR_MS = 3_600_000;
/** Hours back the generator fills on its first run. */
export const GENERATED_HISTORY_HOURS = 48;

/** `YYYY/MM/DD/HH/` of an instant (UTC), Firehose's default key prefix. */
export const hourPrefix = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '/') + '/';

type Random = () => number;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const hex = (r: Random, n: number) => Array.from({ length: n }, () => int(r, 0, 15).toString(16)).join('');

/**
 * The Segment events of a small social app in one hour (seeded by the hour, so the same hour
 * always gives the same events): 20 users create posts, follow and unfollow each other, change
 * their profile, view pages and are identified. Posts gain a `language` property from
 * 2025-01-01 on (schema evolution). Each hour also holds a Segment retry (a duplicate messageId),
 * an event that arrives late (its time is in the previous hour) and, in the 00 UTC hour, an event
 * without userId and anonymousId (invalid: it is rejected).
 */
export function generateHourEvents(hourStartMs: number): Record<string, unknown>[] {
  const r = seededRandom(hourStartMs / HOUR_MS);
  const events: Record<string, unknown>[] = [];
  const count = int(r, 6, 24);
  for (let i = 0; i < count; i++) {
    const at = new Date(hourStartMs + int(r, 0, HOUR_MS - 1) - (i === 0 ? HOUR_MS / 2 : 0)).toISOString();
    const user = `user-${int(r, 1, 20)}`;
    const base = {
      messageId: `voyager-${hex(r, 32)}`,
      anonymousId: `anon-${user}`,
      userId: r() < 0.8 ? user : null,
      timestamp: at,
      originalTimestamp: at,
      sentAt: at,
      receivedAt: at,
      context: {
        library: { name: 'voyager-generator', version: '1' },
        locale: 'en-GB',
        timezone: 'Europe/London',
      },
      version: 2,
    };
    const kind = int(r, 0, 9);
    if (kind <= 2) {
      const properties: Record<string, unknown> = {
        post_id: `post-${hex(r, 8)}`,
        text_length: int(r, 1, 280),
        has_image: r() < 0.3,
      };
      if (hourStartMs >= Date.parse('2025-01-01T00:00:00Z')) properties.language = r() < 0.7 ? 'en' : 'nl';
      events.push({ ...base, type: 'track', event: 'Post Created', properties });
    } else if (kind <= 4) {
      events.push({
        ...base,
        type: 'track',
        event: 'User Followed',
        properties: { followed_user_id: `user-${int(r, 1, 20)}` },
      });
    } else if (kind === 5) {
      events.push({
        ...base,
        type: 'track',
        event: 'User Unfollowed',
        properties: { unfollowed_user_id: `user-${int(r, 1, 20)}` },
      });
    } else if (kind === 6) {
      events.push({
        ...base,
        type: 'track',
        event: 'Profile Changed',
        properties: { field: r() < 0.5 ? 'bio' : 'avatar', bio_length: int(r, 0, 160) },
      });
    } else if (kind <= 8) {
      const path = r() < 0.5 ? '/feed' : `/u/user-${int(r, 1, 20)}`;
      events.push({
        ...base,
        type: 'page',
        name: path === '/feed' ? 'Feed' : 'Profile',
        properties: { path, url: `https://social.example${path}` },
      });
    } else {
      events.push({
        ...base,
        type: 'identify',
        userId: user,
        traits: { username: user, plan: r() < 0.2 ? 'pro' : 'free' },
      });
    }
  }
  events.push({ ...events[0]! }); // a Segment retry: same messageId
  if ((hourStartMs / HOUR_MS) % 24 === 0)
    events.push({
      type: 'track',
      event: 'Post Created',
      messageId: `voyager-${hex(r, 32)}`,
      timestamp: new Date(hourStartMs).toISOString(),
      properties: {},
    });
  return events;
}

/**
 * Writes the generated events of every hour from {@link GENERATED_HISTORY_HOURS} ago up to the
 * current hour whose object is missing, as Amazon Data Firehose delivers them: one gzip object
 * per hour under `YYYY/MM/DD/HH/`, its JSON objects concatenated with no separator.
 * @returns the keys written.
 */
export async function generateWebEvents(store: ObjectStore, nowMs = Date.now()): Promise<string[]> {
  const current = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const written: string[] = [];
  for (let h = current - GENERATED_HISTORY_HOURS * HOUR_MS; h <= current; h += HOUR_MS) {
    const stamp = new Date(h).toISOString().slice(0, 19).replace(/[-T:]/g, '-');
    const key = `${hourPrefix(h)}voyager-web-events-1-${stamp}-0001.gz`;
    if (await store.exists(key)) continue;
    const body = generateHourEvents(h)
      .map((e) => JSON.stringify(e))
      .join('');
    await store.put(key, gzipSync(body));
    written.push(key);
  }
  return written;
}
