import type { Command } from 'commander';
import Table from 'cli-table3';
import type { CliApp } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { formatDuration } from '../progress/format.js';
import { statusRows, type AssetStatusRow } from '../progress/status-rows.js';

interface StatusOptions {
  json?: boolean;
  runs: string;
  select: string;
  all?: boolean;
}

/** No rule between rows: one line per asset. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Lines of the assets table shown without `--all`: the failed first, then the rest, to fit one screen. */
const SCREEN_ASSETS = 30;

/** `2026-11-30 19:04` (UTC): short enough for one screen. */
const shortTime = (iso: string | null) =>
  iso === null ? 'never' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/**
 * `voyager status [--select SEL] [--all] [--json]`: latest materialization (or failure) per asset
 * and partition, the latest check results and recent runs, from run storage (local and ECS runs
 * alike). The table fits one screen: one line per asset (partitions summed up), failed checks
 * only, the last 5 runs; `--json` prints everything, per partition.
 */
export function registerStatusCommand(program: Command, app: CliApp): void {
  program
    .command('status')
    .description('latest materialization per asset and partition, check results and recent runs')
    .option('-s, --select <selection>', 'only these assets (key, group:NAME, +key, key+, *)', '*')
    .option('--all', 'every asset and check, not just one screen')
    .option('--json', 'print one JSON object { assets, checks, runs } with every partition')
    .option('--runs <n>', 'how many recent runs', '5')
    .action(async (opts: StatusOptions) => {
      const defs = await app.loadDefinitions();
      const selected = new Set(defs.graph.select(opts.select).map((a) => a.key));
      await withRuntime(app, { devServices: false }, async (runtime) => {
        const [latest, materializations, checks, runs] = await Promise.all([
          runtime.runStorage.latestAssetEvents(),
          runtime.runStorage.latestMaterializations(),
          runtime.runStorage.latestCheckResults(),
          runtime.runStorage.recentRuns(Number(opts.runs) || 5),
        ]);
        const lastOk = new Map(materializations.map((m) => [`${m.assetKey}|${m.partitionKey}`, m]));
        const assets = latest
          .filter((e) => selected.has(e.assetKey))
          .map((e) => {
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
        const checkRows = checks
          .filter((c) => selected.has(c.assetKey))
          .map((c) => ({
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
        const rows = statusRows(assets);
        const shown = opts.all ? rows : rows.slice(0, SCREEN_ASSETS);
        const t = new Table({
          head: ['asset', 'status', 'last materialized', 'rows / objects', 'partitions'],
          style: { head: [], border: [] },
          chars: COMPACT,
        });
        for (const a of shown) t.push(assetLine(a));
        const more = rows.length - shown.length;
        const failedChecks = checkRows.filter((c) => c.status !== 'success');
        const c = new Table({
          head: ['asset', 'check', 'status'],
          style: { head: [], border: [] },
          chars: COMPACT,
        });
        for (const r of opts.all ? checkRows : failedChecks) c.push([r.assetKey, r.check ?? '', r.status]);
        const r = new Table({
          head: ['run', 'status', 'started', 'duration', 'selection'],
          style: { head: [], border: [] },
          chars: COMPACT,
        });
        for (const run of runs)
          r.push([
            run.runId,
            run.status,
            shortTime(run.startedAt.toISOString()),
            run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : '',
            run.selection.length > 24 ? `${run.selection.slice(0, 23)}…` : run.selection,
          ]);
        const passed = checkRows.length - failedChecks.length;
        const checksPart =
          opts.all || failedChecks.length > 0
            ? `Checks (${passed} of ${checkRows.length} passed)\n${c.toString()}`
            : checkRows.length === 0
              ? 'Checks: none recorded'
              : `Checks: all ${checkRows.length} passed`;
        process.stdout.write(
          `Assets (${rows.length})\n${t.toString()}\n` +
            (more > 0 ? `… ${more} more (--all, or --select SEL)\n` : '') +
            `\n${checksPart}\n\nRecent runs\n${r.toString()}\n`,
        );
      });
    });
}

function assetLine(a: AssetStatusRow): string[] {
  return [
    a.assetKey,
    a.status,
    shortTime(a.lastMaterializedAt),
    a.volume,
    a.partitions === 0
      ? ''
      : `${a.partitions}${a.failedPartitions > 0 ? ` (${a.failedPartitions} not ok)` : ''}`,
  ];
}
