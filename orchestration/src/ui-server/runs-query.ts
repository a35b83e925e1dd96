import type { Pool } from 'pg';
import type { RunRecord, RunStatus } from '../run-storage/run-storage.js';

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

const toRun = (r: RunRow): RunRecord => ({
  runId: r.run_id,
  status: r.status,
  selection: r.selection,
  partitions: r.partitions,
  isolation: r.isolation,
  launchedBy: r.launched_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
});

/**
 * Runs newest first, optionally of one status. Run storage's `recentRuns` has no status filter;
 * this reads `voyager.runs` the same way.
 */
export async function listRuns(
  pool: Pool,
  options: { limit: number; status?: RunStatus },
): Promise<RunRecord[]> {
  const res = await pool.query<RunRow>(
    `select * from voyager.runs where ($2::text is null or status = $2)
      order by started_at desc, run_id desc limit $1`,
    [options.limit, options.status ?? null],
  );
  return res.rows.map(toRun);
}

/** One run, or `undefined`. */
export async function getRun(pool: Pool, runId: string): Promise<RunRecord | undefined> {
  const res = await pool.query<RunRow>('select * from voyager.runs where run_id = $1', [runId]);
  const row = res.rows[0];
  return row === undefined ? undefined : toRun(row);
}
