import type { Pool } from 'pg';
import type { Metadata } from '../assets/json.js';

/** How often the process driving a run updates `voyager.runs.heartbeat_at`. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A run on another host whose heartbeat is older than this is taken for dead. */
export const STALE_HEARTBEAT_MS = 120_000;

/** Status of a whole run. */
export type RunStatus = 'running' | 'success' | 'failed' | 'canceled';
/** Status of one event. */
export type EventStatus = 'success' | 'failed' | 'warn' | 'skipped' | 'canceled';
/** Kind of an asset event. */
export type EventType = 'materialization' | 'check' | 'failure' | 'skipped' | 'canceled';

/** A row of `voyager.runs`. */
export interface RunRecord {
  readonly runId: string;
  readonly status: RunStatus;
  readonly selection: string;
  readonly partitions: readonly string[];
  readonly isolation: string;
  readonly launchedBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

/** An event to append to `voyager.asset_events`. */
export interface AssetEventInput {
  readonly runId: string;
  readonly assetKey: string;
  /** `''` for unpartitioned assets. */
  readonly partitionKey?: string;
  readonly eventType: EventType;
  readonly status: EventStatus;
  readonly checkName?: string;
  readonly attempt?: number;
  readonly metadata?: Metadata;
  readonly error?: string;
  readonly startedAt?: Date;
  readonly durationMs?: number;
}

/** A stored asset event. */
export interface AssetEvent extends Required<
  Omit<AssetEventInput, 'checkName' | 'error' | 'startedAt' | 'durationMs'>
> {
  readonly eventId: number;
  readonly checkName: string | null;
  readonly error: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date;
  readonly durationMs: number | null;
}

interface EventRow {
  event_id: string;
  run_id: string;
  asset_key: string;
  partition_key: string;
  event_type: EventType;
  check_name: string | null;
  status: EventStatus;
  attempt: number;
  metadata: Metadata;
  error: string | null;
  started_at: Date | null;
  finished_at: Date;
  duration_ms: number | null;
}

const toEvent = (r: EventRow): AssetEvent => ({
  eventId: Number(r.event_id),
  runId: r.run_id,
  assetKey: r.asset_key,
  partitionKey: r.partition_key,
  eventType: r.event_type,
  checkName: r.check_name,
  status: r.status,
  attempt: r.attempt,
  metadata: r.metadata,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  durationMs: r.duration_ms,
});

/**
 * Run storage: runs, asset events and asset state in schema `voyager` (see the migrations).
 * Local runs and ECS tasks write the same tables, so `voyager status` tells the truth about both.
 */
export class RunStorage {
  constructor(readonly pool: Pool) {}

  /**
   * Records a run as `running`. Idempotent: a container step of an existing run (same id) changes
   * nothing. `owner` is the process driving it (the CLI), which then calls {@link heartbeat}.
   */
  async createRun(run: {
    runId: string;
    selection: string;
    partitions?: readonly string[];
    isolation?: string;
    launchedBy?: string;
    owner?: { pid: number; host: string };
  }): Promise<void> {
    await this.pool.query(
      `insert into voyager.runs (run_id, status, selection, partitions, isolation, launched_by, pid, host, heartbeat_at)
       values ($1, 'running', $2, $3, $4, $5, $6, $7, case when $6::int is null then null else now() end)
       on conflict (run_id) do nothing`,
      [
        run.runId,
        run.selection,
        run.partitions ?? [],
        run.isolation ?? 'in-process',
        run.launchedBy ?? 'cli',
        run.owner?.pid ?? null,
        run.owner?.host ?? null,
      ],
    );
  }

  /** Says the owner of a running run is alive (every {@link HEARTBEAT_INTERVAL_MS}). */
  async heartbeat(runId: string): Promise<void> {
    await this.pool.query(
      `update voyager.runs set heartbeat_at = now() where run_id = $1 and status = 'running'`,
      [runId],
    );
  }

  /**
   * Marks `failed` (reason: process gone) every running run whose owner is gone: on this `host`
   * when its pid no longer runs (`isAlive`), elsewhere when its heartbeat is older than
   * {@link STALE_HEARTBEAT_MS}. Runs without an owner (Airflow's) are left alone. Returns their ids.
   */
  async failDeadRuns(host: string, isAlive: (pid: number) => boolean): Promise<string[]> {
    const res = await this.pool.query<{ run_id: string; pid: number; host: string; stale: boolean }>(
      `select run_id, pid, host, heartbeat_at < now() - make_interval(secs => $1) as stale
         from voyager.runs where status = 'running' and pid is not null`,
      [STALE_HEARTBEAT_MS / 1000],
    );
    const dead = res.rows.filter((r) => (r.host === host ? !isAlive(r.pid) : r.stale));
    for (const r of dead) {
      await this.pool.query(
        `update voyager.runs set status = 'failed', finished_at = coalesce(heartbeat_at, started_at), error = $2
          where run_id = $1 and status = 'running'`,
        [r.run_id, `process gone: pid ${r.pid} on ${r.host} stopped without finishing the run`],
      );
    }
    return dead.map((r) => r.run_id);
  }

  /** Closes a run with its final status. */
  async finishRun(runId: string, status: Exclude<RunStatus, 'running'>, error?: string): Promise<void> {
    await this.pool.query(
      `update voyager.runs set status = $2, finished_at = now(), error = $3 where run_id = $1`,
      [runId, status, error ?? null],
    );
  }

  /**
   * Closes a run from its events, for runs no single process drove (an Airflow DAG of container
   * steps): `failed` when the latest event of any asset and partition, or the latest result of
   * any blocking check, failed or was canceled (or when nothing was recorded), `success` otherwise.
   * Returns what it wrote.
   */
  async finishRunFromEvents(runId: string): Promise<{ status: 'success' | 'failed'; error?: string }> {
    const res = await this.pool.query<{ events: number; failed: string | null }>(
      `with latest as (
         select distinct on (asset_key, partition_key, coalesce(check_name, ''))
                asset_key, partition_key, check_name, status
           from voyager.asset_events
          where run_id = $1
          order by asset_key, partition_key, coalesce(check_name, ''), event_id desc
       )
       select count(*)::int as events,
              string_agg(asset_key || coalesce(' check ' || check_name, ''), ', ' order by asset_key)
                filter (where status in ('failed', 'canceled')) as failed
         from latest`,
      [runId],
    );
    const row = res.rows[0];
    const error =
      row === undefined || row.events === 0
        ? 'no step of this run recorded an event'
        : row.failed
          ? `failed: ${row.failed}`
          : undefined;
    const status = error === undefined ? 'success' : 'failed';
    await this.finishRun(runId, status, error);
    return error === undefined ? { status } : { status, error };
  }

  /** Appends one event. */
  async recordEvent(e: AssetEventInput): Promise<void> {
    await this.recordEvents([e]);
  }

  /**
   * Appends events in order, in statements of at most 1,000 rows (a step of several partitions
   * records one event per partition key: a year of hours is 8,760).
   */
  async recordEvents(events: readonly AssetEventInput[]): Promise<void> {
    for (let i = 0; i < events.length; i += 1000) {
      const chunk = events.slice(i, i + 1000);
      const values: unknown[] = [];
      const rows = chunk.map((e) => {
        const at = values.length;
        values.push(
          e.runId,
          e.assetKey,
          e.partitionKey ?? '',
          e.eventType,
          e.checkName ?? null,
          e.status,
          e.attempt ?? 1,
          JSON.stringify(e.metadata ?? {}),
          e.error ?? null,
          e.startedAt ?? null,
          e.durationMs === undefined ? null : Math.round(e.durationMs),
        );
        return `(${Array.from({ length: 11 }, (_, j) => `$${at + j + 1}`).join(', ')})`;
      });
      await this.pool.query(
        `insert into voyager.asset_events
           (run_id, asset_key, partition_key, event_type, check_name, status, attempt, metadata, error, started_at, duration_ms)
         values ${rows.join(', ')}`,
        values,
      );
    }
  }

  /** Every event of a run, oldest first. */
  async eventsOfRun(runId: string): Promise<AssetEvent[]> {
    const res = await this.pool.query<EventRow>(
      'select * from voyager.asset_events where run_id = $1 order by event_id',
      [runId],
    );
    return res.rows.map(toEvent);
  }

  /**
   * The newest non-check event (materialization, failure, skipped, canceled) per asset and
   * partition, ordered by asset key and partition. Reads `voyager.latest_asset_events` (a copy of
   * the newest events kept on write by a trigger): one row per asset and partition, not a scan of
   * every event.
   */
  async latestAssetEvents(): Promise<AssetEvent[]> {
    return this.#latest('step');
  }

  /** The newest materialization per asset and partition (as {@link latestAssetEvents}: no scan of history). */
  async latestMaterializations(): Promise<AssetEvent[]> {
    return this.#latest('materialization');
  }

  /** The newest result of every check per asset and partition, ordered by asset, partition and check. */
  async latestCheckResults(): Promise<AssetEvent[]> {
    return this.#latest('check');
  }

  async #latest(kind: 'step' | 'materialization' | 'check'): Promise<AssetEvent[]> {
    const res = await this.pool.query<EventRow>(
      `select event_id, run_id, asset_key, partition_key, event_type, check_name, status, attempt,
              metadata, error, started_at, finished_at, duration_ms
         from voyager.latest_asset_events where kind = $1
        order by asset_key, partition_key, check_key`,
      [kind],
    );
    return res.rows.map(toEvent);
  }

  /** The most recent runs, newest first; `status` keeps only runs in that status. */
  async recentRuns(limit = 10, options: { status?: RunStatus } = {}): Promise<RunRecord[]> {
    const res = await this.pool.query<RunRow>(
      `select * from voyager.runs where ($2::text is null or status = $2)
        order by started_at desc, run_id desc limit $1`,
      [limit, options.status ?? null],
    );
    return res.rows.map(toRunRecord);
  }

  /** One run by id, or `undefined`. */
  async getRun(runId: string): Promise<RunRecord | undefined> {
    const res = await this.pool.query<RunRow>('select * from voyager.runs where run_id = $1', [runId]);
    const row = res.rows[0];
    return row === undefined ? undefined : toRunRecord(row);
  }

  /** The stored state (cursor) of an asset, or `undefined`. */
  async getState<T = unknown>(assetKey: string): Promise<T | undefined> {
    const res = await this.pool.query<{ state: T }>(
      'select state from voyager.asset_state where asset_key = $1',
      [assetKey],
    );
    return res.rows[0]?.state;
  }

  /** Upserts the state (cursor) of an asset. */
  async setState(assetKey: string, state: unknown, runId?: string): Promise<void> {
    await this.pool.query(
      `insert into voyager.asset_state (asset_key, state, run_id) values ($1, $2, $3)
       on conflict (asset_key) do update set state = excluded.state, run_id = excluded.run_id, updated_at = now()`,
      [assetKey, JSON.stringify(state ?? null), runId ?? null],
    );
  }
}

/** A row of `voyager.runs` as pg returns it. */
interface RunRow {
  run_id: string;
  status: RunStatus;
  selection: string;
  partitions: string[];
  isolation: string;
  launched_by: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

function toRunRecord(r: RunRow): RunRecord {
  return {
    runId: r.run_id,
    status: r.status,
    selection: r.selection,
    partitions: r.partitions,
    isolation: r.isolation,
    launchedBy: r.launched_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}
