import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Pool } from 'pg';
import type { Definitions } from '../assets/definitions.js';
import { readDbtProject } from '../dbt/read-dbt-project.js';
import type { DbtProject } from '../dbt/dbt-types.js';
import type { AssetEvent } from '../run-storage/run-storage.js';
import type { AssetDetail, AssetSummary, ColumnDto } from './api-schemas.js';
import { eventDto } from './dto.js';

const HISTORY_LIMIT = 200;

/**
 * The newest events of one asset (materializations and failures, or check results), newest
 * first. Run storage has no per-asset history query yet; this reads `voyager.asset_events`
 * through its `(asset_key, event_id desc)` index.
 */
export async function assetEvents(
  pool: Pool,
  assetKey: string,
  checks: boolean,
  limit = HISTORY_LIMIT,
): Promise<AssetEvent[]> {
  const res = await pool.query<Record<string, unknown>>(
    `select * from voyager.asset_events
      where asset_key = $1 and (event_type = 'check') = $2
      order by event_id desc limit $3`,
    [assetKey, checks, limit],
  );
  return res.rows.map(assetEventFromRow);
}

/** A `voyager.asset_events` row as run storage's {@link AssetEvent}. */
export function assetEventFromRow(r: Record<string, unknown>): AssetEvent {
  return {
    eventId: Number(r.event_id),
    runId: r.run_id as string,
    assetKey: r.asset_key as string,
    partitionKey: r.partition_key as string,
    eventType: r.event_type as AssetEvent['eventType'],
    checkName: r.check_name as string | null,
    status: r.status as AssetEvent['status'],
    attempt: r.attempt as number,
    metadata: r.metadata as AssetEvent['metadata'],
    error: r.error as string | null,
    startedAt: r.started_at as Date | null,
    finishedAt: r.finished_at as Date,
    durationMs: r.duration_ms as number | null,
  };
}
/** Reads the dbt projects beside `definitions.ts` (folders holding `dbt_project.yml`), once. */
export function dbtProjectsOf(projectDir: string): () => Promise<DbtProject[]> {
  let cached: Promise<DbtProject[]> | undefined;
  return () =>
    (cached ??= (async () => {
      const dirs = readdirSync(projectDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
        .map((d) => join(projectDir, d.name))
        .filter((d) => existsSync(join(d, 'dbt_project.yml')));
      const projects: DbtProject[] = [];
      for (const d of dirs) {
        try {
          projects.push(await readDbtProject(d));
        } catch {
          // a project dbt cannot read shows no columns here; `voyager list` reports its error
        }
      }
      return projects;
    })());
}

/** Builds the asset page's data. `summary` comes from the catalog. */
export async function assetDetail(options: {
  defs: Definitions;
  summary: AssetSummary;
  pool: Pool;
  projectDir: string;
  dbtProjects: () => Promise<DbtProject[]>;
}): Promise<AssetDetail> {
  const { defs, summary } = options;
  const asset = defs.graph.get(summary.key);
  const [history, checkHistory] = await Promise.all([
    assetEvents(options.pool, summary.key, false),
    assetEvents(options.pool, summary.key, true),
  ]);
  let columns: ColumnDto[] | null = null;
  let codeLocation = `definitions.ts, image ${asset.image}`;
  const model = asset.tags?.dbt_model;
  if (model !== undefined) {
    for (const p of await options.dbtProjects()) {
      const m = p.models.get(model);
      if (m) {
        columns = m.columns.map((c) => ({ name: c.name, description: c.description }));
        codeLocation = relative(options.projectDir, join(p.dir, m.path));
      }
    }
  }
  return {
    asset: summary,
    downstream: [...defs.graph.children(summary.key)],
    checkDefinitions: asset.checks.map((c) => ({
      name: c.name,
      description: c.description,
      blocking: c.blocking,
    })),
    columns,
    codeLocation,
    history: history.map(eventDto),
    checkHistory: checkHistory.map(eventDto),
  };
}
