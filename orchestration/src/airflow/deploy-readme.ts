import type { ResolvedCompileOptions } from './compile-options.js';
import { AIRFLOW_RUN_ID_TEMPLATE, FINISH_RUN_TASK_ID, type DagPlan } from './dag-plan.js';

const RUNS_ON = {
  ecs: 'as an ECS Fargate task (`voyager_airflow.ecs`)',
  docker: 'as a local Docker container (`voyager_airflow.docker`)',
  process: 'as a subprocess of the Airflow worker (`voyager_airflow.process`)',
} as const;

function scheduleText(dag: DagPlan): string {
  const s = dag.schedule;
  if (s.kind === 'cron') return `cron \`${s.cron}\` (UTC)`;
  if (s.kind === 'manual') return 'manual';
  return `on update of ${s.assetKeys.map((k) => `\`${k}\``).join(', ')}`;
}

const ECS_SETTINGS = `## Settings the operators read at run time

Airflow Variables (or MWAA environment variables \`AIRFLOW_VAR_<NAME>\`, or plain environment
variables \`<NAME>\` in upper case), written from the infrastructure outputs (\`iac/\`):

| Variable | value |
|---|---|
| \`voyager_ecs_cluster\` | ECS cluster name or ARN |
| \`voyager_subnets\` | subnet ids of the tasks (awsvpc): a JSON array or comma-separated |
| \`voyager_security_groups\` | security group ids: a JSON array or comma-separated |
| \`voyager_task_family_<image>\` | task definition family of each image (\`extract\`, \`load\`, \`dbt\`) |
| \`voyager_log_group_<image>\` | CloudWatch log group of each image |
| \`voyager_log_stream_prefix_<image>\` | optional; \`<awslogs-stream-prefix>/<container>\`, default \`<image>/<container>\` |
| \`voyager_container_name_<image>\` | optional; container to override in the task definition, default the image name (passed to the operator: no DescribeTasks polling to find it) |
| \`voyager_assign_public_ip\` | optional; \`ENABLED\` for public subnets without NAT, default \`DISABLED\` |
| \`voyager_aws_region\` | optional; region of the cluster, default the \`aws_default\` connection's |

\`<image>\` is the image name in snake_case (\`my-image\` -> \`my_image\`).

Tasks run on FARGATE with \`reattach=True\`; the container command override is the step
command shown in each DAG file, exactly what \`voyager materialize\` runs locally.

The task definitions fix the containers' environment; the settings of a run an image declares
(\`runSettings\` of \`image()\`, the \`run_settings\` of its tasks, e.g. \`VOYAGER_TRAINING_AS_OF\`
of \`dbt\`: the day the training marts take for today, \`YYYY-MM-DD\`) go as a container
environment override when set, read like the Variables above (\`voyager_training_as_of\`).
`;

/** `| image | prefixes | names |` rows: what the docker and process targets forward to each image's steps. */
function environmentRows(dags: readonly DagPlan[]): string {
  const byImage = new Map<string, { prefixes: readonly string[]; names: readonly string[] }>();
  for (const t of dags.flatMap((d) => d.tasks))
    byImage.set(t.image, { prefixes: t.envPrefixes, names: t.envNames });
  return [...byImage]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([image, e]) =>
        `| \`${image}\` | ${e.prefixes.map((p) => `\`${p}*\``).join(', ')} | ${e.names.map((n) => `\`${n}\``).join(', ') || '-'} |`,
    )
    .join('\n');
}

function forwardedEnvironment(dags: readonly DagPlan[]): string {
  return `Each step gets the worker's environment variables that its image declares (\`envPrefixes\` and
\`secrets\` of \`image()\` in the definitions; \`VOYAGER_*\` always), and no others:

| image | prefixes | secrets forwarded by name |
|---|---|---|
${environmentRows(dags)}
`;
}

function dockerSettings(dags: readonly DagPlan[]): string {
  return `## Settings the operators read at run time

For \`dev/docker-compose.yml\` (all optional): \`voyager_docker_url\` (default
\`unix://var/run/docker.sock\`), \`voyager_docker_network\` (\`voyager-dev\`),
\`voyager_docker_image_<image>\` (\`voyager-<image>:dev\`), \`voyager_docker_landing_volume\`
(\`voyager-dev_landing\`, mounted at \`/var/lib/voyager/landing\`).

${forwardedEnvironment(dags)}`;
}

function processSettings(dags: readonly DagPlan[]): string {
  return `## Settings the operators read at run time

\`voyager_project_dir\` (required; Airflow Variable or \`VOYAGER_PROJECT_DIR\`): a checkout of the
project with \`npm ci && npm run build\` done. Each task runs its step command there as a
subprocess of the Airflow worker, its output in the task log; SIGTERM when the task is killed.
Exit code 2 (a usage or configuration error) fails the task without retries.

${forwardedEnvironment(dags)}
Plus \`PATH\`, \`HOME\`, \`LANG\`, \`LC_ALL\`, \`TZ\` and \`TMPDIR\`, so \`node\` is found.
`;
}

const GROUP_NOTE = ` With \`--dbt-tasks group\`, one task builds a whole dbt folder: its
command passes the selection \`group:<folder>\` (or \`key1,key2\` when the DAG holds only part of
the folder) where a single asset key would be, so the dbt image's entry point must accept a selection.`;

/** The deploy README of the bundle: bucket layout, upload commands, settings and the DAG list. */
export function deployReadme(dags: readonly DagPlan[], options: ResolvedCompileOptions): string {
  const rows = dags.map((d) => `| \`${d.dagId}\` | ${scheduleText(d)} | ${d.tasks.length} |`);
  return `<!-- Generated by \`voyager dags build\`. Do not edit: build again. -->
# Voyager DAG bundle (Airflow ${options.airflow}, target ${options.target})

Built from \`definitions.ts\`: one DAG per schedule, plus one DAG per connected set of assets that
no schedule selects, triggered by the ${options.airflow === 3 ? 'Assets' : 'Datasets'} (\`voyager://<asset key>\`)
it depends on. Each task runs one asset step, the command of that asset's own image, ${RUNS_ON[options.target]}.

| DAG | schedule | asset tasks |
|---|---|---|
${rows.join('\n')}

## Layout of the MWAA bucket

\`\`\`
s3://<mwaa-bucket>/
  dags/<dag_id>.py          <- dags/ of this folder, as it is
  dags/voyager_airflow/     <- the operator package (imported as voyager_airflow.<target>)
  dags/.airflowignore       <- keeps the scheduler from parsing voyager_airflow/ as DAG files
  requirements.txt          <- requirements.txt (provider + the --constraint line MWAA expects)
\`\`\`

\`\`\`sh
aws s3 sync dags/ s3://<mwaa-bucket>/dags/ --delete
aws s3 cp requirements.txt s3://<mwaa-bucket>/requirements.txt
# a new requirements.txt needs an environment update; new DAGs and operators do not
\`\`\`

The operators ship beside the DAGs, as MWAA recommends for custom operators (plugins are for UI
extensions): one sync updates both, so DAG files and operators are never out of step.

## Tasks

Every task runs the step command of its image, exactly what \`voyager materialize\` runs in local
process isolation: \`[...image.command, 'materialize', <asset key>, '--partition', <P>, '--run-id', '${AIRFLOW_RUN_ID_TEMPLATE}', '--attempt', '{{ ti.try_number }}']\`
(no \`--partition\` for unpartitioned assets). Retries are the asset's \`maxAttempts - 1\`, with
exponential backoff from its \`backoffSeconds\`.${options.dbtTasks === 'group' ? GROUP_NOTE : ''}

Every DAG ends with \`${FINISH_RUN_TASK_ID}\`, downstream of all its asset tasks with
\`trigger_rule="all_done"\` (it runs after failures too): \`[...image.command, 'finish-run', '--run-id', '${AIRFLOW_RUN_ID_TEMPLATE}']\`
in the first image the DAG uses. It sets the run's status in \`voyager.runs\` from its asset events
(failed if an asset failed, else success), so \`voyager status\` shows Airflow runs as finished.
It has no outlets and materializes nothing. It exits 1 when the run failed: as the DAG's only leaf
it decides the DAG run's state, so a failed asset still fails the DAG run and fires its alerts.
The operator also fails it (without retries) when one of its upstream asset tasks failed, so a
step that failed before it could record anything (a usage error, a container that never
started) still fails the DAG run.

\`voyager.runs\` keys runs by the \`--run-id\` the steps pass: \`<dag_id>__<run_id>\`, not Airflow's
\`run_id\` alone, which is only unique within a DAG (two cron DAGs with the same logical date both
get \`scheduled__<date>\`). So each DAG run has a Voyager run of its own, and its finish task judges
only that run's asset events.

${options.target === 'ecs' ? ECS_SETTINGS : options.target === 'docker' ? dockerSettings(dags) : processSettings(dags)}
## Partitions

Daily and hourly partition keys are computed by the operator when the task runs, never from
\`{{ ds }}\` (an Airflow 3 manual or asset-triggered run may have no logical date, and a manual
run's logical date is not the interval its timetable infers). In order: \`dag_run.conf["partition"]\`;
the run's own partition key (Airflow 3.2+); the one partition the triggering asset events carry
(an hourly key becomes its day for a daily asset; several distinct ones fail the task, listed:
trigger one run per partition); for cron DAGs the window holding the start of the data interval
(\`CronDataIntervalTimetable\`: the last complete day of a daily asset), or for a run without one
the interval the timetable infers for \`run_after\`; else the last complete window before
\`run_after\`. The key is inserted as \`--partition <key>\` after the asset selection and recorded
on the task's asset events (extra \`voyager_partition\`). A cron DAG refuses, at compile time, an
asset whose partitions are finer than its schedule (an hourly asset in a daily DAG). Backfill with
\`voyager materialize --from A --to B\` or by triggering with \`{"partition": "YYYY-MM-DD"}\`.
An asset with a \`missingPartitions\` hook also gets \`--catch-up\`: its task runs the partitions
the hook reports (an activity uploaded days late, a year of Takeout files dropped in the inbox)
beside the scheduled one, in steps of its \`backfillPolicy\`, as \`npm start\` does.
`;
}
