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
 * The steps of a run in order of start, from `voyager.run_steps` (kept on write by a trigger on
 * `asset_events`, so a run of 100,000 events answers with one index range scan of its steps
 * instead of a sort of every event). Check results are not steps.
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
    `select asset_key, partition_key, started_at, finished_at, attempts, last_event_type
       from voyager.run_steps where run_id = $1
      order by started_at, asset_key, partition_key`,
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

/**
 * The newest `limit` events of a run (oldest first) and how many it has in all.
 *
 * The events are read backwards along the `(run_id, event_id)` index. A run that is not yet in
 * the table's statistics (a long run still going, or one written just now) is estimated at a few
 * hundred rows, for which Postgres would rather fetch every event of the run and sort them: for
 * 100,000 events that is ~60 ms instead of ~1 ms. `enable_sort = off`, local to the read's
 * transaction, keeps the index order (source: postgresql.org/docs/current/runtime-config-query.html,
 * "Planner Method Configuration").
 */
export async function newestEventsOfRun(
  pool: Pool,
  runId: string,
  limit: number,
): Promise<{ events: AssetEvent[]; total: number }> {
  const newest = async (): Promise<Record<string, unknown>[]> => {
    const client = await pool.connect();
    try {
      await client.query('begin read only');
      await client.query('set local enable_sort = off');
      const res = await client.query<Record<string, unknown>>(
        'select * from voyager.asset_events where run_id = $1 order by run_id desc, event_id desc limit $2',
        [runId, limit],
      );
      await client.query('commit');
      return res.rows.reverse();
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const [rows, count] = await Promise.all([
    newest(),
    pool.query<{ n: number }>('select count(*)::int as n from voyager.asset_events where run_id = $1', [
      runId,
    ]),
  ]);
  return { events: rows.map(assetEventFromRow), total: count.rows[0]?.n ?? 0 };
}
