import type { AssetDefinition, AssetResources } from '../assets/asset.js';
import { assetTaskId } from '../assets/asset.js';
import type { Definitions } from '../assets/definitions.js';
import type { ImageDefinition } from '../assets/image.js';
import { AirflowCompileError, type ResolvedCompileOptions } from './compile-options.js';
import { taskPartition, type PartitionSource, type TimePartitionSpec } from './partition-template.js';
import { assertScheduleCovers } from './schedule-granularity.js';
import { topologicalSort } from '../graph/topological-sort.js';

/** How a DAG is triggered: a cron (one per schedule), the Assets of other DAGs, or by hand only. */
export type DagSchedule =
  | { readonly kind: 'cron'; readonly cron: string }
  | { readonly kind: 'assets'; readonly assetKeys: readonly string[] }
  | { readonly kind: 'manual' };

/** One Airflow task: one container run of the step command. */
export interface TaskPlan {
  /** Airflow task id and Python variable: `landing__strava__activities`, `dbt__staging`. */
  readonly taskId: string;
  /** `dbt` for assets tagged `kind: dbt` (VoyagerDbtOperator), else `asset` (VoyagerAssetOperator). */
  readonly operator: 'asset' | 'dbt';
  /** The image name (`extract`, `load`, `dbt`). */
  readonly image: string;
  /** The assets this task materializes: its outlets. */
  readonly assetKeys: readonly string[];
  /**
   * The exact step command, with Jinja templates for the run id ({@link AIRFLOW_RUN_ID_TEMPLATE})
   * and attempt (`ti.try_number`); a static partition key is in it (`--partition Run`), a time
   * partition is not: the operator inserts `--partition <key>` when it runs ({@link TaskPlan.partitions}),
   * and an asset with a `missingPartitions` hook gets `--catch-up` (its late partitions run too).
   */
  readonly command: readonly string[];
  /** For daily or hourly assets: how the operator computes the partition key when the task runs. */
  readonly partitions: TimePartitionSpec | undefined;
  /**
   * Prefixes of the worker's environment variables the step gets with the docker and process
   * targets: `VOYAGER_` and the image's declared `envPrefixes`.
   */
  readonly envPrefixes: readonly string[];
  /** Names of the image's secrets that no prefix covers, forwarded by name. */
  readonly envNames: readonly string[];
  /**
   * The image's `runSettings`: on ECS the operator sends each one that is set (Airflow Variable
   * of the lowercase name, else the worker's variable) as a container environment override.
   */
  readonly runSettings: readonly string[];
  /** Airflow `retries`: the asset's `maxAttempts - 1`. */
  readonly retries: number;
  /** First retry delay in seconds (the asset's `backoffSeconds`, default 2); doubles each retry. */
  readonly retryDelaySeconds: number;
  /** Set only when the asset overrides its image's default size. */
  readonly resources: AssetResources | undefined;
  /** Task ids that run first, in task order. */
  readonly upstream: readonly string[];
  readonly description: string;
}

/** Task id of the last task of every DAG, which closes the Airflow run in run storage. */
export const FINISH_RUN_TASK_ID = 'voyager__finish_run';

/**
 * The `--run-id` every generated command passes to its container: a Jinja template that Airflow
 * renders (in the operators' templated `command`) to `<dag_id>__<run_id>`, e.g.
 * `strava_daily__scheduled__2026-11-20T05:00:00+00:00`. Airflow's `run_id` is unique only within
 * one DAG (two cron DAGs with the same logical date both get `scheduled__<date>`), while run
 * storage keys runs by this id: the DAG id keeps each DAG run's steps and its finish task on a
 * Voyager run of its own.
 */
export const AIRFLOW_RUN_ID_TEMPLATE = '{{ dag.dag_id }}__{{ run_id }}';

/** Airflow `retries` of the finish task: `finish-run` only reads events and writes one row, so a retry is safe. */
const FINISH_RUN_RETRIES = 2;
const FINISH_RUN_RETRY_DELAY_SECONDS = 2;

/**
 * The last task of a DAG (`voyager__finish_run`): downstream of every asset task with
 * `trigger_rule="all_done"`, so it runs after failures too. It runs
 * `[...image.command, 'finish-run', '--run-id', '{{ dag.dag_id }}__{{ run_id }}']`
 * ({@link AIRFLOW_RUN_ID_TEMPLATE}), which sets the status of this DAG run's own run in
 * `voyager.runs` from its asset events. It materializes nothing: no asset keys, no outlets.
 */
export interface FinishRunTaskPlan {
  /** Always {@link FINISH_RUN_TASK_ID}. */
  readonly taskId: string;
  /** The first image of `defs.images` that runs one of the DAG's assets. */
  readonly image: string;
  /** `[...image.command, 'finish-run', '--run-id', AIRFLOW_RUN_ID_TEMPLATE]`. */
  readonly command: readonly string[];
  readonly retries: number;
  /** First retry delay in seconds; doubles each retry. */
  readonly retryDelaySeconds: number;
  /** Every asset task of the DAG, in task order. */
  readonly upstream: readonly string[];
  readonly description: string;
}

/** One DAG: a schedule's selection, or a connected part of the unscheduled assets. */
export interface DagPlan {
  readonly dagId: string;
  readonly description: string;
  readonly schedule: DagSchedule;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:00` (UTC): the earliest partition start of its assets, else `2024-01-01`. */
  readonly startDate: string;
  readonly tags: readonly string[];
  /** The asset tasks, upstream first. */
  readonly tasks: readonly TaskPlan[];
  /** The task after all of {@link DagPlan.tasks} that closes the run in run storage. */
  readonly finishRun: FinishRunTaskPlan;
}

const DEFAULT_START = '2024-01-01';

interface Unit {
  readonly taskId: string;
  readonly assets: readonly AssetDefinition[];
  readonly staticKey: string | undefined;
  readonly dbtFolder: string | undefined;
}

function isDbt(a: AssetDefinition): boolean {
  return a.tags?.kind === 'dbt';
}

function dbtFolder(a: AssetDefinition): string {
  return a.tags?.dbt_folder ?? a.group;
}

function slug(value: string): string {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s === '' ? 'x' : s;
}

/** Splits a DAG's assets into task units: one per asset, per static partition key, or per dbt folder. */
function unitsOf(members: readonly AssetDefinition[], options: ResolvedCompileOptions): Unit[] {
  const units: Unit[] = [];
  const folders = new Map<string, AssetDefinition[]>();
  const multiOutputs = new Map<string, AssetDefinition[]>();
  for (const a of members) {
    if (options.dbtTasks === 'group' && isDbt(a)) {
      const folder = dbtFolder(a);
      const list = folders.get(folder);
      if (list === undefined) {
        const created = [a];
        folders.set(folder, created);
        units.push({
          taskId: `dbt__${slug(folder)}`,
          assets: created,
          staticKey: undefined,
          dbtFolder: folder,
        });
      } else list.push(a);
      continue;
    }
    const multi = a.multiAsset;
    if (multi !== undefined) {
      // one task runs the multi-asset's outputs (the graph keeps them together in one DAG)
      if (a.partitions?.kind === 'static') {
        throw new AirflowCompileError(`multi-asset ${multi.name}: static partitions are not supported`);
      }
      const outputs = multiOutputs.get(multi.name);
      if (outputs !== undefined) outputs.push(a);
      else {
        const created = [a];
        multiOutputs.set(multi.name, created);
        units.push({ taskId: multi.name, assets: created, staticKey: undefined, dbtFolder: undefined });
      }
      continue;
    }
    if (a.partitions?.kind === 'static') {
      for (const key of a.partitions.keys()) {
        units.push({
          taskId: `${assetTaskId(a.key)}__${slug(key)}`,
          assets: [a],
          staticKey: key,
          dbtFolder: undefined,
        });
      }
      continue;
    }
    units.push({ taskId: assetTaskId(a.key), assets: [a], staticKey: undefined, dbtFolder: undefined });
  }
  return units;
}

/** Keys of the nearest members upstream of `asset`, walking through non-member assets. */
function memberAncestors(asset: AssetDefinition, members: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = [...asset.deps];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    if (members.has(d.key)) found.add(d.key);
    else stack.push(...d.deps);
  }
  return found;
}

function sameResources(a: AssetResources, b: AssetResources): boolean {
  return a.cpu === b.cpu && a.memoryMiB === b.memoryMiB;
}

/** `VOYAGER_` plus the image's env prefixes, and its secrets' names that no prefix covers. */
function forwardedEnvironment(image: ImageDefinition): {
  envPrefixes: readonly string[];
  envNames: readonly string[];
} {
  const envPrefixes = [...new Set(['VOYAGER_', ...(image.envPrefixes ?? [])])];
  const envNames = (image.secrets ?? [])
    .map((s) => s.env)
    .filter((name) => !envPrefixes.some((p) => name.startsWith(p)))
    .sort();
  return { envPrefixes, envNames };
}

function planTask(unit: Unit, defs: Definitions, source: PartitionSource): Omit<TaskPlan, 'upstream'> {
  const first = unit.assets[0]!;
  const image = defs.imageOf(first.key);
  for (const a of unit.assets) {
    if (a.image !== first.image) {
      throw new AirflowCompileError(
        `dbt folder ${unit.dbtFolder}: assets run on different images (${first.image}, ${a.image})`,
      );
    }
  }
  const kinds = new Set(unit.assets.map((a) => JSON.stringify(a.partitions?.toJSON() ?? null)));
  if (kinds.size > 1) {
    throw new AirflowCompileError(
      `dbt folder ${unit.dbtFolder}: its models are partitioned differently; build them with --dbt-tasks model`,
    );
  }
  const selection =
    unit.dbtFolder === undefined
      ? unit.assets.map((a) => a.key).join(',')
      : unit.assets.length ===
          defs.graph.assets.filter((a) => isDbt(a) && dbtFolder(a) === unit.dbtFolder).length
        ? `group:${unit.dbtFolder}`
        : unit.assets.map((a) => a.key).join(',');
  const partition = taskPartition(first.partitions, unit.staticKey, source);
  const command = [
    ...image.command,
    'materialize',
    selection,
    ...(partition.kind === 'static' ? ['--partition', partition.key] : []),
    // the scheduler names one partition per run: late data of other partitions (an activity
    // uploaded days later, Takeout files of last year) is caught up by the asset's own hook
    ...(partition.kind === 'time' && unit.assets.some((a) => a.missingPartitions !== undefined)
      ? ['--catch-up']
      : []),
    '--run-id',
    // unique across DAGs: Airflow's run_id alone is only unique within one DAG
    AIRFLOW_RUN_ID_TEMPLATE,
    // Airflow's try number (1 on the first try): the step records it, and a retry is told apart
    // from the first try that reused the same run id.
    '--attempt',
    '{{ ti.try_number }}',
  ];
  const maxAttempts = Math.max(...unit.assets.map((a) => a.retry.maxAttempts));
  const backoff = Math.max(...unit.assets.map((a) => a.retry.backoffSeconds ?? 2));
  const overrides = unit.assets.map((a) => a.resources).filter((r): r is AssetResources => r !== undefined);
  const resources =
    overrides.length === 0
      ? undefined
      : {
          cpu: Math.max(image.resources.cpu, ...overrides.map((r) => r.cpu)),
          memoryMiB: Math.max(image.resources.memoryMiB, ...overrides.map((r) => r.memoryMiB)),
        };
  const description =
    unit.dbtFolder === undefined
      ? `${first.multiAsset?.description ?? first.description}${unit.staticKey === undefined ? '' : ` (partition ${unit.staticKey})`}`
      : `dbt build of the ${unit.dbtFolder} folder: ${unit.assets.map((a) => a.key).join(', ')}`;
  return {
    taskId: unit.taskId,
    operator: unit.dbtFolder !== undefined || isDbt(first) ? 'dbt' : 'asset',
    image: image.name,
    assetKeys: unit.assets.map((a) => a.key),
    command,
    partitions: partition.kind === 'time' ? partition.spec : undefined,
    ...forwardedEnvironment(image),
    runSettings: [...(image.runSettings ?? [])],
    retries: maxAttempts - 1,
    retryDelaySeconds: backoff,
    resources: resources === undefined || sameResources(resources, image.resources) ? undefined : resources,
    description,
  };
}

/** Orders units upstream first (ties by first appearance) and fills in `upstream`. */
function orderTasks(
  dagId: string,
  units: readonly Unit[],
  planned: ReadonlyMap<string, Omit<TaskPlan, 'upstream'>>,
  members: ReadonlySet<string>,
): TaskPlan[] {
  const unitOfAsset = new Map<string, string[]>();
  for (const u of units) {
    for (const a of u.assets) {
      const list = unitOfAsset.get(a.key);
      if (list === undefined) unitOfAsset.set(a.key, [u.taskId]);
      else list.push(u.taskId);
    }
  }
  const upstream = new Map<string, Set<string>>();
  for (const u of units) {
    const ups = new Set<string>();
    for (const a of u.assets) {
      for (const k of memberAncestors(a, members))
        for (const t of unitOfAsset.get(k) ?? []) if (t !== u.taskId) ups.add(t);
    }
    upstream.set(u.taskId, ups);
  }
  const position = new Map(units.map((u, i) => [u.taskId, i]));
  const sorted = topologicalSort(units, {
    id: (u) => u.taskId,
    upstream: (u) => upstream.get(u.taskId)!,
    compare: (a, b) => position.get(a.taskId)! - position.get(b.taskId)!,
  });
  if (sorted.blocked.length > 0) {
    const blocked = new Set(sorted.blocked);
    throw new AirflowCompileError(
      `DAG ${dagId}: its tasks depend on each other in a cycle (${units
        .map((u) => u.taskId)
        .filter((t) => blocked.has(t))
        .join(', ')}); use --dbt-tasks model`,
    );
  }
  const ordered = sorted.order.map((u) => u.taskId);
  const order = new Map(ordered.map((t, i) => [t, i]));
  return ordered.map((t) => ({
    ...planned.get(t)!,
    upstream: [...upstream.get(t)!].sort((a, b) => order.get(a)! - order.get(b)!),
  }));
}

function planFinishRun(
  dagId: string,
  members: readonly AssetDefinition[],
  tasks: readonly TaskPlan[],
  defs: Definitions,
): FinishRunTaskPlan {
  const used = new Set(members.map((a) => a.image));
  const image = defs.images.find((i) => used.has(i.name));
  if (image === undefined)
    throw new AirflowCompileError(`DAG ${dagId}: none of its assets runs on a known image`);
  return {
    taskId: FINISH_RUN_TASK_ID,
    image: image.name,
    command: [...image.command, 'finish-run', '--run-id', AIRFLOW_RUN_ID_TEMPLATE],
    retries: FINISH_RUN_RETRIES,
    retryDelaySeconds: FINISH_RUN_RETRY_DELAY_SECONDS,
    upstream: tasks.map((t) => t.taskId),
    description:
      'Closes this run in run storage (voyager.runs): failed if an asset of the run failed, else success. ' +
      'Runs after every other task, failed ones included (trigger_rule all_done); materializes nothing.',
  };
}

function startDateOf(members: readonly AssetDefinition[]): string {
  const starts = members
    .map((a) => a.partitions)
    .filter((p) => p !== undefined && p.kind !== 'static')
    .map((p) => String(p!.toJSON().start));
  return starts.length === 0 ? DEFAULT_START : starts.sort()[0]!;
}

function planDag(
  dagId: string,
  description: string,
  schedule: DagSchedule,
  members: readonly AssetDefinition[],
  defs: Definitions,
  options: ResolvedCompileOptions,
): DagPlan {
  const source: PartitionSource = schedule.kind === 'cron' ? 'schedule' : 'trigger';
  if (schedule.kind === 'cron') {
    for (const a of members) {
      const kind = a.partitions?.kind;
      if (kind === 'daily' || kind === 'hourly') assertScheduleCovers(a.key, kind, dagId, schedule.cron);
    }
  }
  const units = unitsOf(members, options);
  const planned = new Map(units.map((u) => [u.taskId, planTask(u, defs, source)]));
  if (planned.size !== units.length) {
    const ids = units.map((u) => u.taskId);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    throw new AirflowCompileError(`DAG ${dagId}: two tasks would both be named ${dup}`);
  }
  if (planned.has(FINISH_RUN_TASK_ID)) {
    throw new AirflowCompileError(
      `DAG ${dagId}: task ${FINISH_RUN_TASK_ID} is reserved for the task that closes the run; rename its asset`,
    );
  }
  const tasks = orderTasks(dagId, units, planned, new Set(members.map((a) => a.key)));
  return {
    dagId,
    description,
    schedule,
    startDate: startDateOf(members),
    tags: ['voyager', ...new Set(members.map((a) => a.group))],
    tasks,
    finishRun: planFinishRun(dagId, members, tasks, defs),
  };
}

/** Weakly connected parts of `assets` (edges between two of them only), each in topological order. */
function components(assets: readonly AssetDefinition[]): AssetDefinition[][] {
  const parent = new Map(assets.map((a) => [a.key, a.key]));
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  for (const a of assets) {
    for (const d of a.deps) if (parent.has(d.key)) parent.set(find(a.key), find(d.key));
    // the outputs of a multi-asset are one task, so one DAG
    for (const o of a.multiAsset?.assets ?? []) if (parent.has(o.key)) parent.set(find(a.key), find(o.key));
  }
  const byRoot = new Map<string, AssetDefinition[]>();
  for (const a of assets) {
    const r = find(a.key);
    const list = byRoot.get(r);
    if (list === undefined) byRoot.set(r, [a]);
    else list.push(a);
  }
  return [...byRoot.values()];
}

/**
 * Plans the DAGs of a code location:
 * - one DAG per schedule (`dag_id` = schedule name, cron), with the assets of its selection;
 * - the assets no schedule selects, split into connected parts, one DAG each
 *   (`<groups>_assets`), scheduled on the Assets of the other DAGs they depend on (Airflow
 *   data-aware scheduling), or by hand only when they depend on nothing.
 *
 * Every DAG ends with {@link FINISH_RUN_TASK_ID}, downstream of all its asset tasks, which closes
 * the Airflow run in run storage. Tasks and DAGs come in a deterministic order (the graph's
 * topological order).
 *
 * @throws AirflowCompileError when two DAGs or two tasks would share an id, or group mode makes a cycle.
 */
export function planDags(defs: Definitions, options: ResolvedCompileOptions): DagPlan[] {
  const dags: DagPlan[] = [];
  const scheduled = new Set<string>();
  for (const s of defs.schedules) {
    const members = defs.graph.select(s.selection);
    for (const a of members) scheduled.add(a.key);
    dags.push(
      planDag(
        s.name,
        s.description,
        { kind: 'cron', cron: s.cron.trim().split(/\s+/).join(' ') },
        members,
        defs,
        options,
      ),
    );
  }
  for (const part of components(defs.graph.assets.filter((a) => !scheduled.has(a.key)))) {
    const keys = new Set(part.map((a) => a.key));
    const external = [
      ...new Set(part.flatMap((a) => a.deps.map((d) => d.key)).filter((k) => !keys.has(k))),
    ].sort();
    const groups = [...new Set(part.map((a) => a.group))];
    const dagId = `${groups.map(slug).join('_')}_assets`;
    const description =
      external.length === 0
        ? `Assets of ${groups.join(', ')} that no schedule selects; trigger by hand.`
        : `Assets of ${groups.join(', ')}, run when ${external.join(', ')} ${external.length === 1 ? 'is' : 'are'} updated.`;
    const schedule: DagSchedule =
      external.length === 0 ? { kind: 'manual' } : { kind: 'assets', assetKeys: external };
    dags.push(planDag(dagId, description, schedule, part, defs, options));
  }
  const ids = dags.map((d) => d.dagId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined)
    throw new AirflowCompileError(`two DAGs would both be named ${dup}; rename a schedule`);
  return dags;
}
