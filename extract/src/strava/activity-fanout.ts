import {
  LandingBatchWriter,
  type AssetContext,
  type Metadata,
  type ObjectStore,
} from '@voyager/orchestration';
import { z } from 'zod';
import type { StravaClient } from './client.js';
import { StravaNotFoundError, StravaRateLimitError } from './errors.js';
import { EXPORT_FINGERPRINT, fingerprint, readLandedActivities } from './landed-activities.js';
import { Quarantine } from './quarantine.js';
import { openStravaSession } from './strava-session.js';

/**
 * State of a per-activity asset: which activity ids are done, with the fingerprint of the summary
 * they were fetched for, under which {@link StravaSession.identity}. A state without an identity
 * (written before it was recorded) is adopted as the current one: Strava ids are global, so its
 * done-set cannot hide another athlete's activities, and starting over would refetch everything.
 */
export const FanoutState = z.object({
  identity: z.string().optional(),
  done: z.record(z.string(), z.string()).default({}),
});
export type FanoutState = z.infer<typeof FanoutState>;

/**
 * Whether an activity needs a request, given the fingerprint it was done with (if any) and the
 * current one. Export summaries are never compared (see {@link fingerprint}): an activity done
 * from either source stays done until the API lists it with a changed summary.
 */
function needsFetch(donePrint: string | undefined, print: string): boolean {
  if (donePrint === undefined) return true;
  if (print === EXPORT_FINGERPRINT || donePrint === EXPORT_FINGERPRINT) return false;
  return donePrint !== print;
}

/** What {@link runActivityFanout} needs to know about one per-activity asset. */
export interface FanoutSpec<T> {
  /** Landing dataset, e.g. `strava/activity_details`. */
  readonly dataset: string;
  /** Summary fields whose change means "fetch again" (an edit upstream). */
  readonly refetchOn: readonly string[];
  /** Records per landing part (memory bound). */
  readonly recordsPerPart: number;
  /** Ids that need no request (e.g. streams already landed from the bulk export's files). */
  skipIds?(landing: ObjectStore): Promise<ReadonlySet<number>>;
  /** Fetches and validates one activity's record; `undefined` means quarantined. */
  fetch(client: StravaClient, id: number, quarantine: Quarantine): Promise<T | undefined>;
}

/**
 * Fetches one record per landed activity not done yet (newest first), resumable across runs: the
 * state records which ids are done. `STRAVA_REQUEST_BUDGET` stops the run early; any error after
 * the first fetch (rate limit, 5xx after retries, auth, abort) commits what was fetched and saves
 * the state before it is rethrown, so no request is wasted. A 404 (deleted upstream) marks the id
 * done. A new identity (API URL or client id) starts with an empty done-set.
 */
export async function runActivityFanout<T>(
  ctx: AssetContext,
  spec: FanoutSpec<T>,
): Promise<{ metadata: Metadata }> {
  const session = await openStravaSession(ctx);
  const { client, settings } = session;
  const state = FanoutState.parse((await ctx.state.get<unknown>()) ?? {});
  const changed = state.identity !== undefined && state.identity !== session.identity;
  if (changed)
    ctx.log.info(
      { previous: state.identity, identity: session.identity },
      'strava identity changed (API URL or client id): fetching every activity again',
    );
  const done: Record<string, string> = changed ? {} : { ...state.done };
  let badLines = 0;
  const activities = await readLandedActivities(ctx.landing, {
    identity: session.identity,
    // one bad line must not block this asset forever: skip it (the load rejects the same line)
    onBadLine: (bad) => {
      badLines++;
      ctx.log.warn(bad, `skipped line ${bad.line} of landing object ${bad.key}: ${bad.reason}`);
    },
  });
  const skip = (await spec.skipIds?.(ctx.landing)) ?? new Set<number>();
  const listed = [...activities.entries()].map(([id, summary]) => ({
    id,
    print: fingerprint(summary, spec.refetchOn),
    start: String(summary.start_date),
  }));
  // fetched while the export's summary was the newest: the API's summary is the reference from now on
  for (const a of listed)
    if (done[a.id] === EXPORT_FINGERPRINT && a.print !== EXPORT_FINGERPRINT) done[a.id] = a.print;
  const todo = listed
    .filter((a) => needsFetch(done[a.id], a.print) && !skip.has(a.id))
    .sort((a, b) => (a.start < b.start ? 1 : -1));
  const batch = new LandingBatchWriter(ctx.landing, { dataset: spec.dataset, runId: ctx.runId });
  const quarantine = new Quarantine(ctx.runId);
  const budget = settings.STRAVA_REQUEST_BUDGET;
  let part: T[] = [];
  let notFound = 0;
  const landedIds: number[] = [];
  let stopped: 'budget' | 'rate_limit' | 'error' | undefined;
  let fetched = 0;
  const finish = async () => {
    await batch.writePart(part);
    const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
    const manifest = await batch.commit({
      requests: client.requestCount,
      stopped: stopped ?? null,
      quarantined,
    });
    await ctx.state.set({ identity: session.identity, done });
    const remaining = todo.filter((a) => needsFetch(done[a.id], a.print)).length;
    return {
      rows: manifest.record_count,
      requests: client.requestCount,
      remaining,
      notFound,
      quarantined,
      bad_lines: badLines,
      stopped: stopped ?? 'complete',
    };
  };
  try {
    for (const a of todo) {
      if (budget !== undefined && client.requestCount >= budget) {
        stopped = 'budget';
        break;
      }
      try {
        const record = await spec.fetch(client, a.id, quarantine);
        if (record !== undefined) {
          part.push(record);
          landedIds.push(a.id);
        }
      } catch (error) {
        if (!(error instanceof StravaNotFoundError)) throw error;
        notFound++;
        ctx.log.warn({ activityId: a.id }, 'activity no longer exists upstream (404), skipped');
      }
      done[a.id] = a.print;
      fetched++;
      if (part.length >= spec.recordsPerPart) {
        await batch.writePart(part);
        part = [];
      }
    }
  } catch (error) {
    if (fetched > 0) {
      stopped = error instanceof StravaRateLimitError ? 'rate_limit' : 'error';
      try {
        const summary = await finish();
        ctx.log.warn(summary, `stopped (${stopped}) with progress saved; the next run resumes`);
      } catch (saveError) {
        ctx.log.error(
          { err: (saveError as Error).message },
          'could not save the progress of the stopped run',
        );
      }
    }
    await session.close();
    throw error;
  }
  const metadata = await finish();
  await session.close();
  if (stopped === 'budget')
    ctx.log.warn(metadata, `request budget of ${budget} used; the next run continues`);
  return { metadata };
}
