import {
  LandingBatchWriter,
  type AssetContext,
  type Metadata,
  type ObjectStore,
} from '@voyager/orchestration';
import { z } from 'zod';
import type { StravaClient } from './client.js';
import { StravaNotFoundError, StravaRateLimitError } from './errors.js';
import { fingerprint, readLandedActivities } from './landed-activities.js';
import { Quarantine } from './quarantine.js';
import { openStravaSession } from './strava-session.js';

/** State of a per-activity asset: which activity ids are done, with the fingerprint of the summary they were fetched for. */
export const FanoutState = z.object({ done: z.record(z.string(), z.string()).default({}) });
export type FanoutState = z.infer<typeof FanoutState>;

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
 * state records which ids are done, a rate limit or `STRAVA_REQUEST_BUDGET` stops the run with
 * what was fetched committed and the state saved. A 404 (deleted upstream) marks the id done.
 */
export async function runActivityFanout<T>(
  ctx: AssetContext,
  spec: FanoutSpec<T>,
): Promise<{ metadata: Metadata }> {
  const session = await openStravaSession(ctx);
  const { client, settings } = session;
  const state = FanoutState.parse((await ctx.state.get<unknown>()) ?? {});
  const done = { ...state.done };
  const activities = await readLandedActivities(ctx.landing);
  const skip = (await spec.skipIds?.(ctx.landing)) ?? new Set<number>();
  const todo = [...activities.entries()]
    .map(([id, summary]) => ({
      id,
      print: fingerprint(summary, spec.refetchOn),
      start: String(summary.start_date),
    }))
    .filter((a) => done[a.id] !== a.print && !skip.has(a.id))
    .sort((a, b) => (a.start < b.start ? 1 : -1));
  const batch = new LandingBatchWriter(ctx.landing, { dataset: spec.dataset, runId: ctx.runId });
  const quarantine = new Quarantine(ctx.runId);
  const budget = settings.STRAVA_REQUEST_BUDGET;
  let part: T[] = [];
  let notFound = 0;
  const landedIds: number[] = [];
  let stopped: 'budget' | 'rate_limit' | undefined;
  const finish = async () => {
    await batch.writePart(part);
    const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
    const manifest = await batch.commit({
      requests: client.requestCount,
      stopped: stopped ?? null,
      quarantined,
    });
    await ctx.state.set({ done });
    const remaining = todo.filter((a) => done[a.id] !== a.print).length;
    return {
      rows: manifest.record_count,
      requests: client.requestCount,
      remaining,
      notFound,
      quarantined,
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
      if (part.length >= spec.recordsPerPart) {
        await batch.writePart(part);
        part = [];
      }
    }
  } catch (error) {
    if (error instanceof StravaRateLimitError) {
      stopped = 'rate_limit';
      const summary = await finish();
      ctx.log.warn(summary, 'stopped at the rate limit; the next run resumes');
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
