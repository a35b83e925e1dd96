import type { AssetContext } from '@voyager/orchestration';
import { z } from 'zod';

/**
 * The durable cursor of `landing/strava/activities` (in `ctx.state`):
 * - `after`: epoch seconds of the newest `start_date` landed;
 * - `complete`: false when the last run stopped early (rate limit): the next run resumes at
 *   `after` exactly, skipping `boundaryIds` (activities already landed at that very second),
 *   instead of re-listing the overlap;
 * - `knownIds`: every activity id landed and not deleted, for the opt-in full re-list;
 * - `identity`: the {@link StravaSession.identity} (API URL and client id) it was written under;
 *   a cursor of another identity, or one written before identities were recorded, is not resumed;
 * - `relist`: an unfinished full re-list (`STRAVA_FULL_RELIST=1`): where it stopped and every id
 *   it has listed so far, so the next re-list resumes there and deletions are decided only once
 *   the whole list has been seen.
 */
export const ActivitiesCursor = z.object({
  identity: z.string().optional(),
  after: z.number().int().nonnegative(),
  complete: z.boolean(),
  boundaryIds: z.array(z.number().int()).default([]),
  knownIds: z.array(z.number().int()).default([]),
  relist: z
    .object({
      after: z.number().int().nonnegative(),
      boundaryIds: z.array(z.number().int()).default([]),
      seenIds: z.array(z.number().int()).default([]),
    })
    .optional(),
});
export type ActivitiesCursor = z.infer<typeof ActivitiesCursor>;

/** Where a listing starts: `after` (epoch s, exclusive), ids already landed at that second, and why. */
export interface ListPlan {
  readonly after: number;
  readonly skip: ReadonlySet<number>;
  readonly mode: 'full' | 'resume' | 'incremental' | 'relist';
  /** `relist`: the ids listed by the earlier runs of this re-list. */
  readonly seen: readonly number[];
}

/** The `after` to list from, and the ids to skip, given the previous cursor (`undefined`: full history). */
export function listStart(
  previous: ActivitiesCursor | undefined,
  options: { readonly overlapDays: number; readonly fullRelist: boolean },
): ListPlan {
  if (!previous) return { after: 0, skip: new Set(), mode: 'full', seen: [] };
  if (options.fullRelist) {
    const r = previous.relist;
    return r
      ? { after: Math.max(0, r.after - 1), skip: new Set(r.boundaryIds), mode: 'relist', seen: r.seenIds }
      : { after: 0, skip: new Set(), mode: 'relist', seen: [] };
  }
  if (!previous.complete)
    return {
      after: Math.max(0, previous.after - 1),
      skip: new Set(previous.boundaryIds),
      mode: 'resume',
      seen: [],
    };
  return {
    after: Math.max(0, previous.after - options.overlapDays * 86_400),
    skip: new Set(),
    mode: 'incremental',
    seen: [],
  };
}

/**
 * The asset's stored cursor when it belongs to `identity`; a cursor of another identity (or none
 * recorded) is dropped with an info line, so the full history is listed.
 */
export async function readActivitiesCursor(
  ctx: Pick<AssetContext, 'state' | 'log'>,
  identity: string,
): Promise<ActivitiesCursor | undefined> {
  const stored = await ctx.state.get<unknown>();
  const saved = stored === undefined ? undefined : ActivitiesCursor.parse(stored);
  if (!saved || saved.identity === identity) return saved;
  ctx.log.info(
    { previous: saved.identity ?? null, identity },
    'strava identity changed (API URL or client id) or was never recorded: listing the full history',
  );
  return undefined;
}
