import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { AssetDefinition } from '../assets/asset.js';
import { createLogger } from '../context/logger.js';
import { materializeStep } from '../executor/materialize-step.js';
import { resolveMissingPartitions } from '../executor/plan.js';
import { groupStepKeys } from '../assets/backfill-policy.js';
import { openRuntime } from '../runtime/runtime.js';
import { ConfigError, voyagerSetting } from '../config/environment.js';
import { ExitCode } from '../cli/cli-app.js';
import { selectImageAssets } from './select-image-assets.js';
import { errorMessage } from '../errors.js';

/** Options of {@link runAssetMain}. */
export interface AssetMainOptions {
  /** The assets this image can run. */
  readonly assets: readonly AssetDefinition[];
  /** Defaults to `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
  /** Defaults to `process.cwd()` (the image's work dir, mirroring the project root). */
  readonly projectDir?: string;
}

const USAGE =
  'usage: materialize <asset-key | group:NAME | key,key...> [--partition P [--catch-up] | --from F --to T] [--run-id R] [--attempt N] | finish-run --run-id R';

/**
 * The container entry point of an image (`node extract/dist/main.js materialize <key> --partition P --run-id R`):
 * the exact command ECS, DockerOperator and local process isolation run. Opens the runtime from the
 * environment, records the run (idempotently), materializes the selected asset (or, for a
 * `dbt build`-style task, `group:NAME` / `a,b` of this image's assets, in order) with its checks,
 * prints each outcome as one JSON line on stdout and resolves to the exit code: 0 success, 1 an
 * asset or a blocking check failed (the rest are not run), 2 usage or configuration error.
 * One attempt only: retries belong to the launcher. SIGTERM/SIGINT abort the step.
 * `--catch-up` (with `--partition P`, what a scheduled Airflow task of an asset with a
 * `missingPartitions` hook sends): the partitions the hook reports run too, before or after P in
 * key order, grouped into steps by the asset's `backfillPolicy`, as a local run without a
 * partition does; so a scheduler that names one partition per run still loads late data.
 */
export async function runAssetMain(options: AssetMainOptions): Promise<number> {
  const log = createLogger();
  let parsed;
  try {
    parsed = parseArgs({
      args: [...(options.argv ?? process.argv.slice(2))],
      allowPositionals: true,
      options: {
        partition: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'run-id': { type: 'string' },
        attempt: { type: 'string', default: '1' },
        'catch-up': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    log.error(`${errorMessage(error)}; ${USAGE}`);
    return ExitCode.Usage;
  }
  const [command, selection] = parsed.positionals;
  if (command === 'finish-run') return finishRun(parsed.values['run-id'], options, log);
  if (command !== 'materialize' || selection === undefined) {
    log.error(USAGE);
    return ExitCode.Usage;
  }
  const selected = selectImageAssets(options.assets, selection);
  if (typeof selected === 'string') {
    log.error({ selection }, selected);
    return ExitCode.Usage;
  }
  const partitionKey = parsed.values.partition;
  const { from, to } = parsed.values;
  const needsPartition = selected.find((a) => a.partitions !== undefined);
  if ((from === undefined) !== (to === undefined) || (from !== undefined && partitionKey !== undefined)) {
    log.error(`--from and --to go together, in place of --partition; ${USAGE}`);
    return ExitCode.Usage;
  }
  if (needsPartition !== undefined && partitionKey === undefined && from === undefined) {
    log.error(
      { assetKey: needsPartition.key },
      `asset ${needsPartition.key} is partitioned: pass --partition (or --from/--to)`,
    );
    return ExitCode.Usage;
  }
  // --from/--to: the range [from, to) is one step of several partitions (the executor's grouping
  // by an asset's backfillPolicy sends this), not a step per partition
  const keysOf = (asset: AssetDefinition): readonly string[] | undefined => {
    if (asset.partitions === undefined) return undefined;
    if (from !== undefined && to !== undefined) return asset.partitions.keysBetween(from, to);
    return partitionKey === undefined ? undefined : [partitionKey];
  };
  let rangeKeys: readonly string[] | undefined;
  try {
    rangeKeys = needsPartition === undefined ? undefined : keysOf(needsPartition);
  } catch (error) {
    log.error(errorMessage(error));
    return ExitCode.Usage;
  }
  if (parsed.values['catch-up'] && partitionKey === undefined) {
    log.error(`--catch-up goes with --partition; ${USAGE}`);
    return ExitCode.Usage;
  }
  const runId = parsed.values['run-id'] ?? `manual-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const attempt = Number(parsed.values.attempt);
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGTERM', abort);
  process.once('SIGINT', abort);
  let runtime;
  try {
    runtime = await openRuntime({ projectDir: options.projectDir ?? process.cwd(), log, poolSize: 4 });
  } catch (error) {
    log.error({ err: errorMessage(error) }, 'cannot open the runtime');
    // a bad environment is a usage error; an unreachable database may pass: let the launcher retry
    return error instanceof ConfigError ? ExitCode.Usage : ExitCode.AssetFailed;
  }
  try {
    await runtime.runStorage.createRun({
      runId,
      selection,
      partitions: rangeKeys ?? (partitionKey === undefined ? [] : [partitionKey]),
      isolation: 'process',
      launchedBy: voyagerSetting(process.env, 'VOYAGER_LAUNCHED_BY'),
    });
    // --catch-up: the partitions each hooked asset reports missing, beside the one named
    const missing = parsed.values['catch-up']
      ? await resolveMissingPartitions(selected, {}, runtime, {
          log,
          now: new Date(),
          signal: controller.signal,
        })
      : new Map<string, string[]>();
    const stepsOf = (asset: AssetDefinition): Array<readonly string[] | undefined> => {
      const keys = keysOf(asset);
      const extra = missing.get(asset.key);
      if (asset.partitions === undefined || keys === undefined || extra === undefined || extra.length === 0)
        return [keys];
      const p = asset.partitions;
      const at = (key: string) =>
        p.kind === 'static' ? p.keys().indexOf(key) : p.partition(key).window!.start.getTime();
      const all = [...new Set([...keys.map((k) => p.partition(k).key), ...extra])].sort(
        (a, b) => at(a) - at(b),
      );
      log.info(
        { assetKey: asset.key, partitions: extra.length },
        `catching up ${extra.length} partitions of ${asset.key}: ${extra[0]}..${extra.at(-1)}`,
      );
      return groupStepKeys(p, all, asset.backfillPolicy);
    };
    // one attempt per asset: retries belong to whoever launched the container (executor, Airflow)
    const ran = new Set<unknown>();
    // ctx.runScope: the steps this container runs are the run's in this process
    const runScope = {};
    for (const asset of selected) {
      // the outputs of a multi-asset are one step: its first selected output runs them all
      if (asset.multiAsset !== undefined) {
        if (ran.has(asset.multiAsset)) continue;
        ran.add(asset.multiAsset);
      }
      for (const keys of stepsOf(asset)) {
        const outcome = await materializeStep({
          asset,
          partitionKey: keys?.[0],
          ...(keys !== undefined && keys.length > 1 ? { partitionKeys: keys } : {}),
          runId,
          attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
          runScope,
          runtime,
          log: log.child({ runId }),
          signal: controller.signal,
        });
        process.stdout.write(
          JSON.stringify({ assetKey: asset.key, partitionKey: keys?.[0] ?? null, runId, ...outcome }) + '\n',
        );
        if (outcome.status !== 'success') {
          log.error({ assetKey: asset.key }, outcome.error ?? outcome.status);
          const rest = selected.slice(selected.indexOf(asset) + 1).map((a) => a.key);
          if (rest.length > 0) log.error({ skipped: rest }, `not run after ${asset.key} ${outcome.status}`);
          return ExitCode.AssetFailed;
        }
      }
    }
    return ExitCode.Ok;
  } finally {
    process.off('SIGTERM', abort);
    process.off('SIGINT', abort);
    await runtime.close();
  }
}

/**
 * `finish-run --run-id R`: the last task of an Airflow DAG (trigger rule all_done) closes the run
 * in run storage from its events (see `RunStorage.finishRunFromEvents`) and prints
 * `{ runId, status }`. Exits 1 when the run failed: being the DAG's only leaf, this task decides
 * the Airflow DAG run's state, so failures still fail the DAG run and fire its alerts.
 */
async function finishRun(runId: string | undefined, options: AssetMainOptions, log: Logger): Promise<number> {
  if (runId === undefined) {
    log.error(`finish-run needs --run-id; ${USAGE}`);
    return ExitCode.Usage;
  }
  let runtime;
  try {
    runtime = await openRuntime({ projectDir: options.projectDir ?? process.cwd(), log, poolSize: 1 });
  } catch (error) {
    log.error({ err: errorMessage(error) }, 'cannot open the runtime');
    return error instanceof ConfigError ? ExitCode.Usage : ExitCode.AssetFailed;
  }
  try {
    await runtime.runStorage.createRun({
      runId,
      selection: '*',
      isolation: 'process',
      launchedBy: 'container',
    });
    const result = await runtime.runStorage.finishRunFromEvents(runId);
    process.stdout.write(JSON.stringify({ runId, ...result }) + '\n');
    if (result.status === 'failed') log.error({ runId }, result.error ?? 'run failed');
    return result.status === 'success' ? ExitCode.Ok : ExitCode.AssetFailed;
  } finally {
    await runtime.close();
  }
}
