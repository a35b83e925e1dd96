import type { PartitionsDefinition } from '../assets/partitions.js';
import type { AirflowMajor } from './compile-options.js';
import { pyString } from './python-literal.js';

/**
 * Where a task's partition key comes from: the run's data interval (cron DAGs), or the
 * `voyager_partition` macro (asset-triggered and manual DAGs, which have no data interval in
 * Airflow 3: https://airflow.apache.org/docs/apache-airflow/stable/templates-ref.html).
 */
export type PartitionSource = 'data-interval' | 'trigger';

/**
 * The `--partition` argument of a step command as a Jinja template, or `undefined` for an
 * unpartitioned asset.
 *
 * - daily, UTC, cron DAG: `{{ ds }}`; hourly: `{{ data_interval_start.strftime('%Y-%m-%dT%H:00') }}`;
 *   another time zone converts the interval start first (`in_timezone('Europe/Paris')`).
 * - asset-triggered or manual DAG: `{{ voyager_partition(dag_run, triggering_asset_events, "daily", "UTC") }}`
 *   (`triggering_dataset_events` on Airflow 2): `dag_run.conf["partition"]`, else the one partition
 *   the upstream tasks recorded on their asset events (several distinct ones fail the task, listed),
 *   else the last complete window. Keys are checked against the asset's kind at run time.
 * - static partitions: the key itself (one task per key).
 */
export function partitionArgument(
  partitions: PartitionsDefinition | undefined,
  staticKey: string | undefined,
  source: PartitionSource,
  airflow: AirflowMajor,
): string | undefined {
  if (partitions === undefined) return undefined;
  if (partitions.kind === 'static') return staticKey;
  const timezone = String(partitions.toJSON().timezone ?? 'UTC');
  if (source === 'trigger') {
    const events = airflow === 3 ? 'triggering_asset_events' : 'triggering_dataset_events';
    return `{{ voyager_partition(dag_run, ${events}, ${pyString(partitions.kind)}, ${pyString(timezone)}) }}`;
  }
  const format = partitions.kind === 'daily' ? '%Y-%m-%d' : '%Y-%m-%dT%H:00';
  if (partitions.kind === 'daily' && timezone === 'UTC') return '{{ ds }}';
  const start = timezone === 'UTC' ? 'data_interval_start' : `data_interval_start.in_timezone('${timezone}')`;
  return `{{ ${start}.strftime('${format}') }}`;
}
