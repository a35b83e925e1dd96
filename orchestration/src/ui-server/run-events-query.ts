import type { Pool } from 'pg';
import type { AssetEvent } from '../run-storage/run-storage.js';
import { assetEventFromRow } from './asset-detail.js';

/** One step of a run as stored: its asset and partition, first start, last end, attempts, newest event type. */
export interface StoredStep {
  readonly assetKey: string;
  readonly partitionKey: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly attempts: number;
  readonly lastEventType: AssetEvent['eventType'];
}

/**
 * The steps of a run, aggregated in Postgres (a run of 100,000 events answers in one grouped
 * scan of its `run_id` index instead of shipping every event). Check results are not steps.
 */
export async function storedSteps(pool: Pool, runId: string): Promise<StoredStep[]> {
  const res = await pool.query<{
    asset_key: string;
    partition_key: string;
    started_at: Date;
    finished_at: Date;
    attempts: number;
    last_event_type: AssetEvent['eventType'];
  }>(
    `select asset_key, partition_key,
            min(coalesce(started_at, finished_at - coalesce(duration_ms, 0) * interval '1 millisecond')) as started_at,
            max(finished_at) as finished_at, max(attempt) as attempts,
            (array_agg(event_type order by event_id desc))[1] as last_event_type
       from voyager.asset_events where run_id = $1 and event_type <> 'check'
      group by asset_key, partition_key order by 3`,
    [runId],
  );
  return res.rows.map((r) => ({
    assetKey: r.asset_key,
    partitionKey: r.partition_key,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    attempts: r.attempts,
    lastEventType: r.last_event_type,
  }));
}

/** The newest `limit` events of a run (oldest first) and how many it has in all. */
export async function newestEventsOfRun(
  pool: Pool,
  runId: string,
  limit: number,
): Promise<{ events: AssetEvent[]; total: number }> {
  const [rows, count] = await Promise.all([
    pool.query<Record<string, unknown>>(
      `select * from (select * from voyager.asset_events where run_id = $1 order by event_id desc limit $2) e
        order by event_id`,
      [runId, limit],
    ),
    pool.query<{ n: number }>('select count(*)::int as n from voyager.asset_events where run_id = $1', [
      runId,
    ]),
  ]);
  return { events: rows.rows.map(assetEventFromRow), total: count.rows[0]?.n ?? 0 };
}
