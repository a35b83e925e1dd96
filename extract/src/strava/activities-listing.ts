import {
  LandingBatchWriter,
  writeLandingBatch,
  type AssetContext,
  type Metadata,
} from '@voyager/orchestration';
import { listStart, type ActivitiesCursor } from './activities-cursor.js';
import { DATASETS, STRAVA_MAX_PER_PAGE } from './constants.js';
import { StravaApiError, StravaRateLimitError } from './errors.js';
import { ListingProgress } from './listing-progress.js';
import { Quarantine } from './quarantine.js';
import { SummaryActivity } from './schemas.js';
import type { StravaSession } from './strava-session.js';

const rawId = (record: unknown): number | undefined => {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
};

/**
 * Lists `GET /athlete/activities` (200 per page, oldest first from the cursor's `after`, until a
 * page shorter than 200) into one
 * `strava/activities` landing batch, validating record by record (a bad one is quarantined).
 * Any failure after the first page commits what was listed and saves a resume cursor before the
 * error is rethrown; a complete listing saves the new cursor and, at the end of a full re-list
 * (`STRAVA_FULL_RELIST=1`, resumed across runs like a backfill), lands
 * `strava/activity_deletions` for known ids it never listed.
 * @returns the run's metadata: rows, pages, requests, mode, after, quarantined, deleted.
 * @throws the client's error (rate limit, auth, 5xx after retries, abort) after saving progress.
 */
export async function landActivitiesListing(
  ctx: Pick<AssetContext, 'landing' | 'runId' | 'assetKey' | 'state' | 'log'>,
  session: Pick<StravaSession, 'client' | 'identity' | 'settings'>,
  previous: ActivitiesCursor | undefined,
): Promise<Metadata> {
  const { client, identity, settings } = session;
  const plan = listStart(previous, {
    overlapDays: settings.STRAVA_OVERLAP_DAYS,
    fullRelist: settings.STRAVA_FULL_RELIST,
  });
  const batch = new LandingBatchWriter(ctx.landing, { dataset: DATASETS.activities, runId: ctx.runId });
  const quarantine = new Quarantine(ctx.runId);
  const progress = new ListingProgress(previous, plan);
  const manifestMetadata = { mode: plan.mode, after: plan.after, identity };
  let pages = 0;
  ctx.log.info({ mode: plan.mode, after: plan.after }, 'listing strava activities');
  try {
    for (let page = 1; ; page++) {
      const body = await client.listActivities({ after: plan.after, page, perPage: STRAVA_MAX_PER_PAGE });
      if (!Array.isArray(body))
        throw new StravaApiError(
          'GET /athlete/activities did not return a JSON array',
          200,
          '/athlete/activities',
        );
      pages++;
      if (body.length === 0) break;
      const valid: SummaryActivity[] = [];
      for (const record of body) {
        const id = rawId(record);
        if (id !== undefined) progress.noteListed(id);
        const activity = quarantine.check(SummaryActivity, DATASETS.activities, record);
        if (activity && progress.accept(activity)) valid.push(activity);
      }
      await batch.writePart(valid);
      // a short page is the last one: asking for the empty page after it would spend a request
      if (body.length < STRAVA_MAX_PER_PAGE) break;
    }
  } catch (error) {
    if (pages > 0) {
      // land what was listed, so the next run resumes right after it instead of listing it again
      try {
        await batch.commit({
          ...manifestMetadata,
          pages,
          complete: false,
          new_activities: progress.newCount(),
          stopped: error instanceof StravaRateLimitError ? 'rate_limit' : 'error',
          quarantined: await quarantine.flush(ctx.landing, ctx.assetKey),
        });
        const cursor = progress.stoppedCursor(identity);
        if (cursor) await ctx.state.set(cursor);
        ctx.log.warn({ pages, rows: progress.landed.size }, 'listing stopped; what was listed is landed');
      } catch (saveError) {
        ctx.log.error({ err: (saveError as Error).message }, 'could not save the listed activities');
      }
    }
    throw error;
  }
  const { cursor, deleted } = progress.completed(identity);
  const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
  const manifest = await batch.commit({
    ...manifestMetadata,
    pages,
    complete: true,
    new_activities: progress.newCount(),
    quarantined,
    requests: client.requestCount,
  });
  if (deleted.length > 0) {
    const detectedAt = new Date().toISOString();
    await writeLandingBatch(ctx.landing, {
      dataset: DATASETS.activityDeletions,
      runId: ctx.runId,
      records: deleted.map((id) => ({ activity_id: id, detected_at: detectedAt })),
      metadata: { identity },
    });
  }
  await ctx.state.set(cursor);
  const metadata = {
    rows: manifest.record_count,
    pages,
    requests: client.requestCount,
    mode: plan.mode,
    after: plan.after,
    quarantined,
    deleted: deleted.length,
  };
  ctx.log.info(metadata, 'strava activities landed');
  return metadata;
}
