import type { PartitionsDefinition } from '../assets/partitions.js';

/**
 * Where a task's partition key comes from when it runs: the run's data interval (cron DAGs), or
 * the triggering asset events (asset-triggered and manual DAGs).
 */
export type PartitionSource = 'schedule' | 'trigger';

/**
 * What a DAG file passes to a task of a daily or hourly asset as `partitions=`: the operator
 * computes the key when the task runs (`voyager_airflow.partitions.run_partition`), from
 * `dag_run.conf["partition"]`, the run's partition key, the triggering asset events, the data
 * interval (`source: 'schedule'`) or the interval the timetable infers for `run_after`. Never
 * `{{ ds }}`: an Airflow 3 manual or asset-triggered run may have no logical date, and a manual
 * run's logical date is not the interval its timetable infers.
 */
export interface TimePartitionSpec {
  readonly kind: 'daily' | 'hourly';
  /** IANA time zone of the partitions, e.g. `UTC`, `Europe/Paris`. */
  readonly timezone: string;
  readonly source: PartitionSource;
}

/** How a task passes its partition: a static key in the command, or a time spec for the operator. */
export type TaskPartition =
  | { readonly kind: 'none' }
  | { readonly kind: 'static'; readonly key: string }
  | { readonly kind: 'time'; readonly spec: TimePartitionSpec };

/**
 * The partition of one task: none (unpartitioned asset), its static key (one task per key), or
 * the time spec the operator reads when it runs.
 */
export function taskPartition(
  partitions: PartitionsDefinition | undefined,
  staticKey: string | undefined,
  source: PartitionSource,
): TaskPartition {
  if (partitions === undefined) return { kind: 'none' };
  if (partitions.kind === 'static') return { kind: 'static', key: staticKey! };
  const timezone = String(partitions.toJSON().timezone ?? 'UTC');
  return { kind: 'time', spec: { kind: partitions.kind, timezone, source } };
}
