import { expect } from 'vitest';
import { assetTaskId, type AssetDefinition, type Definitions } from '@voyager/orchestration';
import type { InspectedBundle, InspectedDag, InspectedTask } from './bundle-inspection.js';

/** Options the bundle was compiled with. */
export interface ExpectationOptions {
  readonly airflow: 2 | 3;
  readonly dbtTasks: 'model' | 'group';
}

/**
 * The `--run-id` of every generated command, as the DAG files spell it: Airflow renders it to
 * `<dag_id>__<run_id>`, a Voyager run id unique across DAGs (Airflow's `run_id` is only unique
 * within one DAG). Written out here, not imported, so a change to the compiler's template shows.
 */
export const RUN_ID_TEMPLATE = '{{ dag.dag_id }}__{{ run_id }}';

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

function expectCommand(
  defs: Definitions,
  dag: InspectedDag,
  task: InspectedTask,
  opts: ExpectationOptions,
): void {
  const assets = task.asset_keys.map((k) => defs.graph.get(k));
  const first = assets[0]!;
  const prefix = defs.imageOf(first.key).command;
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
    expect(rest[1]!.startsWith('group:') ? rest[1] : '', where).toBe(
      rest[1]!.startsWith('group:') ? `group:${folder}` : '',
    );
    expect([...selected].sort(), where).toEqual([...task.asset_keys].sort());
  }
  expect(rest.slice(-4), where).toEqual(['--run-id', RUN_ID_TEMPLATE, '--attempt', '{{ ti.try_number }}']);
  const partitions = first.partitions;
  if (partitions === undefined) {
    expect(rest, where).toHaveLength(6);
    return;
  }
  expect(rest, where).toHaveLength(8);
  expect(rest[2], where).toBe('--partition');
  const value = rest[3]!;
  if (partitions.kind === 'static') expect(partitions.keys(), where).toContain(value);
  else if (dag.schedule.kind !== 'cron')
    expect(value, where).toContain('voyager_partition(dag_run, triggering_');
  else if (partitions.kind === 'daily' && partitions.toJSON().timezone === 'UTC')
    expect(value, where).toBe('{{ ds }}');
  else expect(value, where).toMatch(/^\{\{ data_interval_start.*strftime\('%Y-%m-%d(T%H:00)?'\) \}\}$/);
}

/** Task id of the last task of every DAG, which closes the run in run storage. */
export const FINISH_RUN_TASK_ID = 'voyager__finish_run';

/**
 * The finish task of `dag`: present once, declared last, downstream of every asset task and of
 * nothing else, `trigger_rule="all_done"`, no assets or outlets, retries with backoff, and the
 * `finish-run` command of the first image of `defs.images` that runs one of the DAG's assets.
 */
function expectFinishRunTask(defs: Definitions, dag: InspectedDag): void {
  const where = `${dag.dag_id}.${FINISH_RUN_TASK_ID}`;
  expect(dag.finish_tasks, `${where} is there once`).toHaveLength(1);
  const finish = dag.finish_tasks[0]!;
  expect(dag.task_order.at(-1), `${where} is declared last`).toBe(FINISH_RUN_TASK_ID);
  expect(dag.task_order, where).toEqual([...dag.tasks.map((t) => t.task_id), FINISH_RUN_TASK_ID]);
  const used = new Set(dag.tasks.flatMap((t) => t.asset_keys).map((k) => defs.graph.get(k).image));
  const image = defs.images.find((i) => used.has(i.name))!;
  expect(finish, where).toMatchObject({
    operator: 'VoyagerAssetOperator',
    asset_keys: [],
    outlets: [],
    image: image.name,
    command: [...image.command, 'finish-run', '--run-id', RUN_ID_TEMPLATE],
    trigger_rule: 'all_done',
    retries: 2,
    retry_exponential_backoff: true,
  });
  expect(finish.retry_delay_seconds, where).toBeGreaterThan(0);
  expect(
    dag.finish_edges.map(([a, b]) => `${a} >> ${b}`).sort(),
    `${where} runs after every asset task and before nothing`,
  ).toEqual(dag.tasks.map((t) => `${t.task_id} >> ${FINISH_RUN_TASK_ID}`).sort());
  for (const t of dag.tasks) expect(t.trigger_rule, `${dag.dag_id}.${t.task_id}`).toBeNull();
}

/**
 * Asserts that a compiled bundle, read back from the Python with `dag_inspector.py`, says what the
 * asset graph says: every asset has a task, one DAG per schedule with its cron and selection, task
 * commands are the step command contract, outlets are the assets, retries follow the policy, and
 * the dependency edges are exactly the graph's edges between tasks of a DAG. The finish task
 * (`voyager__finish_run`) is no asset task: the inspector reports it apart, and
 * {@link expectFinishRunTask} checks it on its own.
 */
export function expectBundleMatchesGraph(
  defs: Definitions,
  bundle: InspectedBundle,
  opts: ExpectationOptions,
): void {
  const assetClass = opts.airflow === 3 ? 'Asset' : 'Dataset';
  const byId = new Map(bundle.dags.map((d) => [d.dag_id, d]));
  expect(bundle.dags.map((d) => d.file)).toEqual(bundle.dags.map((d) => `${d.dag_id}.py`));

  for (const s of defs.schedules) {
    const dag = byId.get(s.name);
    expect(dag, `DAG of schedule ${s.name}`).toBeDefined();
    expect(dag!.schedule).toMatchObject({
      kind: 'cron',
      cron: s.cron,
      timetable: opts.airflow === 3 ? 'CronDataIntervalTimetable' : null,
    });
    const members = new Set(dag!.tasks.flatMap((t) => t.asset_keys));
    expect([...members].sort()).toEqual(
      defs.graph
        .select(s.selection)
        .map((a) => a.key)
        .sort(),
    );
  }

  const produced = new Map<string, string>();
  for (const dag of bundle.dags)
    for (const t of dag.tasks) for (const k of t.asset_keys) produced.set(k, dag.dag_id);
  expect([...produced.keys()].sort(), 'every asset has a task').toEqual(
    defs.graph.assets.map((a) => a.key).sort(),
  );

  for (const dag of bundle.dags) {
    expect(dag.header).toMatch(/^# Generated by `voyager dags build`/);
    expect(dag.catchup).toBe(false);
    expect(dag.max_active_runs).toBe(1);
    const members = new Set(dag.tasks.flatMap((t) => t.asset_keys));
    if (!defs.schedules.some((s) => s.name === dag.dag_id)) {
      const external = [
        ...new Set(
          [...members]
            .flatMap((k) => defs.graph.get(k).deps.map((d) => d.key))
            .filter((k) => !members.has(k)),
        ),
      ].sort();
      if (external.length === 0) expect(dag.schedule).toEqual({ kind: 'manual' });
      else {
        expect(dag.schedule).toEqual({ kind: 'assets', uris: external.map(uri), classes: [assetClass] });
        for (const k of external)
          expect(produced.get(k), `${k} is produced by another DAG`).not.toBe(dag.dag_id);
      }
    }
    const tasksOf = new Map<string, string[]>();
    for (const t of dag.tasks) {
      const assets = t.asset_keys.map((k) => defs.graph.get(k));
      for (const a of assets) tasksOf.set(a.key, [...(tasksOf.get(a.key) ?? []), t.task_id]);
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
    expect(dag.edges.map(([a, b]) => `${a} >> ${b}`).sort(), `${dag.dag_id} edges`).toEqual(
      [...expected].sort(),
    );
    const order = new Map(dag.tasks.map((t, i) => [t.task_id, i]));
    for (const [a, b] of dag.edges)
      expect(order.get(a)!, `${a} is declared before ${b}`).toBeLessThan(order.get(b)!);
    expectFinishRunTask(defs, dag);
  }
}
