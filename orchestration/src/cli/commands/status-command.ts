import type { Command } from 'commander';
import Table from 'cli-table3';
import type { CliApp } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { formatDuration } from '../progress/format.js';

/**
 * `voyager status [--json]`: latest materialization (or failure) per asset and partition, the
 * latest check results and recent runs, from run storage (local and ECS runs alike).
 */
export function registerStatusCommand(program: Command, app: CliApp): void {
  program
    .command('status')
    .description('latest materialization per asset and partition, check results and recent runs')
    .option('--json', 'print one JSON object { assets, checks, runs }')
    .option('--runs <n>', 'how many recent runs', '10')
    .action(async (opts: { json?: boolean; runs: string }) => {
      await withRuntime(app, { devServices: false }, async (runtime) => {
        const [latest, materializations, checks, runs] = await Promise.all([
          runtime.runStorage.latestAssetEvents(),
          runtime.runStorage.latestMaterializations(),
          runtime.runStorage.latestCheckResults(),
          runtime.runStorage.recentRuns(Number(opts.runs) || 10),
        ]);
        const lastOk = new Map(materializations.map((m) => [`${m.assetKey}|${m.partitionKey}`, m]));
        const assets = latest.map((e) => {
          const ok = lastOk.get(`${e.assetKey}|${e.partitionKey}`);
          return {
            assetKey: e.assetKey,
            partitionKey: e.partitionKey === '' ? null : e.partitionKey,
            lastEvent: e.eventType,
            status: e.status,
            at: e.finishedAt.toISOString(),
            runId: e.runId,
            lastMaterializedAt: ok?.finishedAt.toISOString() ?? null,
            metadata: ok?.metadata ?? {},
            error: e.error,
          };
        });
        const checkRows = checks.map((c) => ({
          assetKey: c.assetKey,
          partitionKey: c.partitionKey === '' ? null : c.partitionKey,
          check: c.checkName,
          status: c.status,
          at: c.finishedAt.toISOString(),
          description: c.error,
        }));
        if (opts.json) {
          process.stdout.write(JSON.stringify({ assets, checks: checkRows, runs }, null, 2) + '\n');
          return;
        }
        const t = new Table({
          head: ['asset', 'partition', 'status', 'last materialized', 'metadata'],
          style: { head: [], border: [] },
        });
        for (const a of assets)
          t.push([
            a.assetKey,
            a.partitionKey ?? '',
            a.status,
            a.lastMaterializedAt ?? 'never',
            JSON.stringify(a.metadata).slice(0, 60),
          ]);
        const c = new Table({ head: ['asset', 'check', 'status'], style: { head: [], border: [] } });
        for (const r of checkRows) c.push([r.assetKey, r.check ?? '', r.status]);
        const r = new Table({
          head: ['run', 'status', 'selection', 'started', 'duration'],
          style: { head: [], border: [] },
        });
        for (const run of runs)
          r.push([
            run.runId,
            run.status,
            run.selection,
            run.startedAt.toISOString(),
            run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : '',
          ]);
        process.stdout.write(
          `Assets\n${t.toString()}\n\nChecks\n${c.toString()}\n\nRecent runs\n${r.toString()}\n`,
        );
      });
    });
}
