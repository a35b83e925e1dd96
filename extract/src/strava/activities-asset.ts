import { asset, LandingBatchWriter, writeLandingBatch } from '@voyager/orchestration';
import { DATASETS, STRAVA_MAX_PER_PAGE } from './constants.js';
import { StravaApiError, StravaRateLimitError } from './errors.js';
import { ActivitiesCursor, listStart } from './activities-cursor.js';
import { Quarantine } from './quarantine.js';
import { SummaryActivity } from './schemas.js';
import { openStravaSession } from './strava-session.js';

const epoch = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const rawId = (record: unknown): number | undefined => {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
};

/**
 * `landing/strava/activities`: every SummaryActivity of the athlete (`GET /athlete/activities`,
 * 200 per page, oldest first from `after`, paging until an empty page) as one landing batch of
 * `strava/activities` per run. The first run takes the full history; later runs re-list from the
 * newest `start_date` seen minus `STRAVA_OVERLAP_DAYS` (default 7) to catch edits. Any failure
 * after the first page (rate limit beyond the allowed wait, 5xx after retries, auth, abort)
 * commits what was listed and saves a resume cursor before the error is rethrown; the next run
 * resumes with no gap and no duplicate. The cursor belongs to one identity (API URL and client id):
 * after a switch (the simulator, then real credentials) the next run takes the full history.
 * `STRAVA_FULL_RELIST=1` re-lists everything and lands `strava/activity_deletions` for activities
 * gone upstream.
 */
export const stravaActivities = asset({
  key: 'landing/strava/activities',
  description:
    'One record per SummaryActivity listed by Strava in this run (full history first, then the overlap window)',
  image: 'extract',
  group: 'strava',
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  async materialize(ctx) {
    const session = await openStravaSession(ctx);
    const { settings, client, identity } = session;
    const stored = await ctx.state.get<unknown>();
    const saved = stored === undefined ? undefined : ActivitiesCursor.parse(stored);
    const previous = saved?.identity === identity ? saved : undefined;
    if (saved && !previous)
      ctx.log.info(
        { previous: saved.identity ?? null, identity },
        'strava identity changed (API URL or client id) or was never recorded: listing the full history',
      );
    const start = listStart(previous, {
      overlapDays: settings.STRAVA_OVERLAP_DAYS,
      fullRelist: settings.STRAVA_FULL_RELIST,
    });
    const batch = new LandingBatchWriter(ctx.landing, { dataset: DATASETS.activities, runId: ctx.runId });
    const quarantine = new Quarantine(ctx.runId);
    const seen = new Set<number>();
    // every id Strava listed, valid or not: a quarantined activity still exists upstream
    const listed = new Set<number>();
    let newest = previous?.after ?? 0;
    let boundaryIds: number[] = previous?.boundaryIds ?? [];
    // the last activity landed, in listing order (oldest first): where a stopped run resumes
    let last: { after: number; ids: number[] } | undefined;
    let pages = 0;
    const knownIds = () => [...new Set([...(previous?.knownIds ?? []), ...seen])].sort((a, b) => a - b);
    ctx.log.info({ mode: start.mode, after: start.after }, 'listing strava activities');
    try {
      for (let page = 1; ; page++) {
        const body = await client.listActivities({ after: start.after, page, perPage: STRAVA_MAX_PER_PAGE });
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
          if (id !== undefined) listed.add(id);
          const activity = quarantine.check(SummaryActivity, DATASETS.activities, record);
          if (!activity || start.skip.has(activity.id) || seen.has(activity.id)) continue;
          valid.push(activity);
          seen.add(activity.id);
          const t = epoch(activity.start_date);
          if (t > newest) [newest, boundaryIds] = [t, [activity.id]];
          else if (t === newest) boundaryIds.push(activity.id);
          if (last?.after === t) last.ids.push(activity.id);
          else last = { after: t, ids: [activity.id] };
        }
        await batch.writePart(valid);
      }
    } catch (error) {
      if (pages > 0) {
        // land what was listed, so the next run resumes right after it instead of listing it again
        try {
          await batch.commit({
            mode: start.mode,
            after: start.after,
            pages,
            complete: false,
            stopped: error instanceof StravaRateLimitError ? 'rate_limit' : 'error',
            identity,
            quarantined: await quarantine.flush(ctx.landing, ctx.assetKey),
          });
          if (last)
            await ctx.state.set({
              identity,
              after: last.after,
              complete: false,
              boundaryIds: last.ids,
              knownIds: knownIds(),
            } satisfies ActivitiesCursor);
          ctx.log.warn({ pages, rows: seen.size }, 'listing stopped; what was listed is landed');
        } catch (saveError) {
          ctx.log.error({ err: (saveError as Error).message }, 'could not save the listed activities');
        }
      }
      throw error;
    } finally {
      await session.close();
    }
    const deleted =
      start.mode === 'full' && settings.STRAVA_FULL_RELIST
        ? (previous?.knownIds ?? []).filter((id) => !listed.has(id))
        : [];
    const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
    const manifest = await batch.commit({
      mode: start.mode,
      after: start.after,
      pages,
      complete: true,
      identity,
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
    await ctx.state.set({
      identity,
      after: newest,
      complete: true,
      boundaryIds,
      knownIds: knownIds().filter((id) => !deleted.includes(id)),
    } satisfies ActivitiesCursor);
    ctx.log.info(
      { rows: manifest.record_count, pages, quarantined, deleted: deleted.length },
      'strava activities landed',
    );
    return {
      metadata: {
        rows: manifest.record_count,
        pages,
        requests: client.requestCount,
        mode: start.mode,
        after: start.after,
        quarantined,
        deleted: deleted.length,
      },
    };
  },
});
