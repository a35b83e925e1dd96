import { AirflowCompileError } from './compile-options.js';

/** Time partition kinds a cron DAG passes from its data interval. */
export type TimePartitionKind = 'daily' | 'hourly';

const EVERY = new Set(['*', '*/1']);

/**
 * The finest time partition that a run of `cron` covers one-for-one: `hourly` when it fires every
 * hour (hour, day-of-month, month and day-of-week fields all `*`), `daily` when it fires every day
 * (day fields and month `*`), else `coarser` (weekly, monthly, some weekdays, or a form this
 * function does not read, which errs on the side of refusing).
 */
export function cronPeriod(cron: string): TimePartitionKind | 'coarser' {
  // schedule() accepts five-field crons only, no `@daily` presets.
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return 'coarser';
  const [, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (!EVERY.has(dayOfMonth) || !EVERY.has(month) || !EVERY.has(dayOfWeek)) return 'coarser';
  return EVERY.has(hour) ? 'hourly' : 'daily';
}

/**
 * Refuses an asset whose time partitions are finer than its cron DAG's schedule: each run passes
 * one partition (its data interval start), so an hourly asset in a daily DAG would get one hour a
 * day and silently skip the other 23.
 *
 * @throws AirflowCompileError naming the asset, its partitions and the schedule.
 */
export function assertScheduleCovers(
  assetKey: string,
  kind: TimePartitionKind,
  dagId: string,
  cron: string,
): void {
  const period = cronPeriod(cron);
  if (period === kind || (period === 'hourly' && kind === 'daily')) return;
  const runs = period === 'coarser' ? 'less often than daily' : period;
  throw new AirflowCompileError(
    `asset ${assetKey} has ${kind} partitions but schedule ${dagId} (cron '${cron}') runs ${runs}: ` +
      `each run passes one partition, so the others would never be materialized; ` +
      `run the schedule at least ${kind === 'hourly' ? 'every hour' : 'every day'}`,
  );
}
