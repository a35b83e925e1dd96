import { expect } from 'vitest';
import { assetTaskId } from '../../src/assets/asset.js';
import { type AssetDefinition, type Definitions } from '@voyager/orchestration';
import type { DagBagDag, DagBagReport, DagBagTask } from './real-airflow.js';

/** Options the bundle was compiled with. */
export interface ExpectationOptions {
  readonly airflow: 2 | 3;
  readonly target: 'ecs' | 'docker' | 'process';
  readonly dbtTasks: 'model' | 'group';
}

/**
 * The `--run-id` of every generated command, as the DAG files spell it: Airflow renders it to
 * `<dag_id>__<run_id>`, a Voyager run id unique across DAGs (Airflow's `run_id` is only unique
 * within one DAG). Written out here, not imported, so a change to the compiler's template shows.
 */
export const RUN_ID_TEMPLATE = '{{ dag.dag_id }}__{{ run_id }}';

/** Task id of the last task of every DAG, which closes the run in run storage. */
export const FINISH_RUN_TASK_ID = 'voyager__finish_run';

const uri = (key: string): string => `voyager://${key}`;
const isDbt = (a: AssetDefinition): boolean => a.tags?.kind === 'dbt';

/** Keys of the nearest assets of `members` upstream of `a`, through assets outside it. */
function nearestMemberAncestors(a: AssetDefinition, members: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [...a.deps];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    if (members.has(d.key)) out.add(d.key);
    else stack.push(...d.deps);
  }
  return out;
}

/** The asset tasks of a DAG (all but the finish task), in declaration order. */
export function assetTasks(dag: DagBagDag): DagBagTask[] {
  return dag.tasks.filter((t) => t.task_id !== FINISH_RUN_TASK_ID);
}

function expectCommand(defs: Definitions, dag: DagBagDag, task: DagBagTask, opts: ExpectationOptions): void {
  const assets = task.asset_keys.map((k) => defs.graph.get(k));
  const first = assets[0]!;
  const image = defs.imageOf(first.key);
  const prefix = image.command;
  const where = `${dag.dag_id}.${task.task_id}`;
  expect(task.command.slice(0, prefix.length), where).toEqual([...prefix]);
  const rest = task.command.slice(prefix.length);
  expect(rest[0], where).toBe('materialize');
  if (assets.length === 1 && !(opts.dbtTasks === 'group' && isDbt(first))) {
    expect(rest[1], where).toBe(first.key);
  } else {
    const folder = first.tags?.dbt_folder ?? first.group;
    const whole = defs.graph.assets
      .filter((a) => isDbt(a) && (a.tags?.dbt_folder ?? a.group) === folder)
      .map((a) => a.key);
    const selected = rest[1]!.startsWith('group:') ? whole : rest[1]!.split(',');
    if (rest[1]!.startsWith('group:')) expect(rest[1], where).toBe(`group:${folder}`);
    expect([...selected].sort(), where).toEqual([...task.asset_keys].sort());
  }
  expect(rest.slice(-4), where).toEqual(['--run-id', RUN_ID_TEMPLATE, '--attempt', '{{ ti.try_number }}']);
  expect(task.command.join(' '), `${where} never uses {{ ds }}`).not.toMatch(/\bds\b|logical_date/);
  const partitions = first.partitions;
  if (partitions?.kind === 'static') {
    expect(rest, where).toHaveLength(8);
    expect(rest[2], where).toBe('--partition');
    expect(partitions.keys(), where).toContain(rest[3]);
    expect(task.partitions, where).toBeNull();
    return;
  }
  // a time-partitioned asset with a missingPartitions hook catches up late partitions in its task
  const catchUp = partitions !== undefined && assets.some((a) => a.missingPartitions !== undefined);
  expect(rest, where).toHaveLength(catchUp ? 7 : 6);
  if (catchUp) expect(rest[2], where).toBe('--catch-up');
  if (partitions === undefined) expect(task.partitions, where).toBeNull();
  else
    expect(task.partitions, where).toEqual({
      kind: partitions.kind,
      timezone: String(partitions.toJSON().timezone ?? 'UTC'),
      source: dag.schedule.timetable.startsWith('Cron') ? 'schedule' : 'trigger',
    });
  if (opts.target === 'ecs') expect(task.env_prefixes, where).toEqual([]);
  else {
    expect(task.env_prefixes, where).toEqual([...new Set(['VOYAGER_', ...(image.envPrefixes ?? [])])]);
    for (const s of image.secrets ?? [])
      expect(
        [...task.env_names, ...task.env_prefixes].some((p) => s.env.startsWith(p)),
        where,
      ).toBe(true);
  }
}

/**
 * The finish task of `dag`: declared last, downstream of every asset task and upstream of
 * nothing, `trigger_rule="all_done"`, no assets or outlets, retries with backoff, and the
 * `finish-run` command of the first image of `defs.images` that runs one of the DAG's assets.
 */
function expectFinishRunTask(defs: Definitions, dag: DagBagDag): void {
  const where = `${dag.dag_id}.${FINISH_RUN_TASK_ID}`;
  const finish = dag.tasks.filter((t) => t.task_id === FINISH_RUN_TASK_ID);
  expect(finish, `${where} is there once`).toHaveLength(1);
  expect(dag.tasks.at(-1)!.task_id, `${where} is declared last`).toBe(FINISH_RUN_TASK_ID);
  const tasks = assetTasks(dag);
  const used = new Set(tasks.flatMap((t) => t.asset_keys).map((k) => defs.graph.get(k).image));
  const image = defs.images.find((i) => used.has(i.name))!;
  expect(finish[0], where).toMatchObject({
    operator: 'VoyagerAssetOperator',
    asset_keys: [],
    outlets: [],
    image: image.name,
    command: [...image.command, 'finish-run', '--run-id', RUN_ID_TEMPLATE],
    trigger_rule: 'all_done',
    retries: 2,
    retry_exponential_backoff: true,
    downstream: [],
  });
  expect(finish[0]!.retry_delay_seconds, where).toBeGreaterThan(0);
  expect(finish[0]!.upstream, `${where} runs after every asset task`).toEqual(
    tasks.map((t) => t.task_id).sort(),
  );
  for (const t of tasks) {
    expect(t.trigger_rule, `${dag.dag_id}.${t.task_id}`).toBe('all_success');
    expect(t.downstream, `${dag.dag_id}.${t.task_id}`).toContain(FINISH_RUN_TASK_ID);
  }
}

/**
 * Asserts that a bundle, as real Airflow's DagBag loaded it, says what the asset graph says: no
 * import errors and no operator module parsed as a DAG file; every asset has a task, one DAG per
 * schedule with its cron and selection; commands are the step command contract; outlets are the
 * assets (`Asset` on Airflow 3, `Dataset` on 2); retries and trigger rules follow the policy; the
 * dependencies are exactly the graph's edges between tasks of a DAG; and each DAG ends with the
 * finish task.
 */
export function expectBundleMatchesGraph(
  defs: Definitions,
  bag: DagBagReport,
  opts: ExpectationOptions,
): void {
  expect(bag.import_errors).toEqual({});
  expect(bag.parsed_files.filter((f) => f.includes('voyager_airflow'))).toEqual([]);
  const assetClass = opts.airflow === 3 ? 'Asset' : 'Dataset';
  const byId = new Map(bag.dags.map((d) => [d.dag_id, d]));
  for (const d of bag.dags) expect(d.file).toBe(`${d.dag_id}.py`);

  for (const s of defs.schedules) {
    const dag = byId.get(s.name);
    expect(dag, `DAG of schedule ${s.name}`).toBeDefined();
    expect(dag!.schedule).toMatchObject({ timetable: 'CronDataIntervalTimetable', cron: s.cron });
    const members = new Set(assetTasks(dag!).flatMap((t) => t.asset_keys));
    expect([...members].sort()).toEqual(
      defs.graph
        .select(s.selection)
        .map((a) => a.key)
        .sort(),
    );
  }

  const produced = new Map<string, string>();
  for (const dag of bag.dags)
    for (const t of assetTasks(dag)) for (const k of t.asset_keys) produced.set(k, dag.dag_id);
  expect([...produced.keys()].sort(), 'every asset has a task').toEqual(
    defs.graph.assets.map((a) => a.key).sort(),
  );

  for (const dag of bag.dags) {
    expect(dag.catchup).toBe(false);
    expect(dag.max_active_runs).toBe(1);
    const tasks = assetTasks(dag);
    const members = new Set(tasks.flatMap((t) => t.asset_keys));
    if (!defs.schedules.some((s) => s.name === dag.dag_id)) {
      const external = [
        ...new Set(
          [...members]
            .flatMap((k) => defs.graph.get(k).deps.map((d) => d.key))
            .filter((k) => !members.has(k)),
        ),
      ].sort();
      if (external.length === 0) expect(dag.schedule).toMatchObject({ timetable: 'NullTimetable' });
      else {
        expect(dag.schedule).toMatchObject({
          timetable: `${assetClass}TriggeredTimetable`,
          assets: external.map(uri),
        });
        for (const k of external)
          expect(produced.get(k), `${k} is produced by another DAG`).not.toBe(dag.dag_id);
      }
    }
    const tasksOf = new Map<string, string[]>();
    for (const t of tasks) {
      const assets = t.asset_keys.map((k) => defs.graph.get(k));
      for (const a of assets) tasksOf.set(a.key, [...(tasksOf.get(a.key) ?? []), t.task_id]);
      expect(t.module).toBe(`voyager_airflow.${opts.target}`);
      expect(t.outlets).toEqual(t.asset_keys.map(uri));
      expect(t.outlet_classes).toEqual([assetClass]);
      expect(new Set(assets.map((a) => a.image))).toEqual(new Set([t.image]));
      expect(t.operator).toBe(isDbt(assets[0]!) ? 'VoyagerDbtOperator' : 'VoyagerAssetOperator');
      const maxAttempts = Math.max(...assets.map((a) => a.retry.maxAttempts));
      expect(t.retries, `${t.task_id} retries`).toBe(maxAttempts - 1);
      if (t.retries > 0) {
        expect(t.retry_delay_seconds).toBe(Math.max(...assets.map((a) => a.retry.backoffSeconds ?? 2)));
        expect(t.retry_exponential_backoff).toBe(true);
      }
      expect(t.template_fields, t.task_id).toContain('command');
      if (
        assets.length === 1 &&
        assets[0]!.partitions?.kind !== 'static' &&
        !(opts.dbtTasks === 'group' && isDbt(assets[0]!))
      )
        expect(t.task_id).toBe(assetTaskId(assets[0]!.key));
      expectCommand(defs, dag, t, opts);
    }
    const expected = new Set<string>();
    for (const k of members) {
      for (const up of nearestMemberAncestors(defs.graph.get(k), members)) {
        for (const from of tasksOf.get(up)!)
          for (const to of tasksOf.get(k)!) if (from !== to) expected.add(`${from} >> ${to}`);
      }
    }
    const edges = tasks.flatMap((t) => t.upstream.map((u) => `${u} >> ${t.task_id}`));
    expect(edges.sort(), `${dag.dag_id} edges`).toEqual([...expected].sort());
    const order = new Map(dag.tasks.map((t, i) => [t.task_id, i]));
    for (const t of tasks)
      for (const u of t.upstream)
        expect(order.get(u)!, `${u} is declared before ${t.task_id}`).toBeLessThan(order.get(t.task_id)!);
    expectFinishRunTask(defs, dag);
  }
}
