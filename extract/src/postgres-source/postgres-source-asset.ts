import pg from 'pg';
import {
  asset,
  ConfigError,
  LandingBatchWriter,
  type AssetContext,
  type AssetDefinition,
  type MaterializeResult,
} from '@voyager/orchestration';
import { discoverTables } from './discover-tables.js';
import { readTableChanges } from './read-table-changes.js';
import {
  DEFAULT_WATERMARK_COLUMN,
  readPostgresSourceSettings,
  sourceVariablePrefix,
} from './source-environment.js';
import type { SourceState, TableCursor } from './table-cursor.js';

/** The database a source reads when its URL is unset (a local, generated one). */
export interface DefaultSourceDatabase {
  /** Its URL. Never logged. */
  readonly url: string;
  /** What it holds, for the materialization metadata. */
  readonly description: string;
}

/** The options object of {@link postgresSourceAsset}. */
export interface PostgresSourceConfig {
  /** Lowercase source name: asset `landing/<name>/rows`, group `<name>`, variables `VOYAGER_SOURCE_<NAME>_*`. */
  readonly name: string;
  /** The asset's description; default names the source. */
  readonly description?: string;
  /** Opens a default database when `VOYAGER_SOURCE_<NAME>_URL` is unset; without it, the URL is required. */
  readonly defaultDatabase?: (ctx: AssetContext) => Promise<DefaultSourceDatabase>;
}

/** Landing dataset of source `name`: `<name>/rows`. */
export const sourceRowsDataset = (name: string): string => `${name}/rows`;

/**
 * Declares `landing/<name>/rows` (group `<name>`): extracts every table of an operational Postgres
 * database (`VOYAGER_SOURCE_<NAME>_URL`, schema `VOYAGER_SOURCE_<NAME>_SCHEMA`) into one landing
 * batch per run of {@link SourceRowRecord}s, one record per new version of a row. Tables are
 * discovered on every run, so a new table is extracted from its first row on. Each table is read
 * incrementally by its watermark column (`last_updated`, or the one `_WATERMARKS` names) with an
 * overlap of `_OVERLAP_SECONDS`, or taken whole and diffed when it has none. A cursor per table
 * lives in the asset's state, stored after the batch is committed: a run that fails lands again
 * what it had read, and load deduplicates by (table, key, version).
 *
 * @throws ConfigError when the URL is unset and there is no default database.
 */
export function postgresSourceAsset(config: PostgresSourceConfig): AssetDefinition {
  const prefix = sourceVariablePrefix(config.name);
  return asset({
    key: `landing/${config.name}/rows`,
    group: config.name,
    description:
      config.description ??
      `One record per new version of a row of every table of the ${config.name} database (by watermark, or whole and diffed)`,
    image: 'extract',
    retry: { maxAttempts: 3, backoffSeconds: 5 },
    async materialize(ctx): Promise<MaterializeResult> {
      const settings = readPostgresSourceSettings(config.name, ctx.env);
      let url = settings.url;
      let database = `${prefix}URL`;
      if (url === undefined) {
        if (!config.defaultDatabase) throw new ConfigError([`${prefix}URL: is not set`]);
        const fallback = await config.defaultDatabase(ctx);
        url = fallback.url;
        database = fallback.description;
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // watermark texts and timestamptz values are written in UTC, whatever the server's zone
        await client.query(`set time zone 'UTC'`);
        const tables = await discoverTables(client, settings.schema);
        const state = (await ctx.state.get<SourceState>()) ?? { tables: {} };
        const cursors: Record<string, TableCursor> = { ...state.tables };
        const batch = new LandingBatchWriter(ctx.landing, {
          dataset: sourceRowsDataset(config.name),
          runId: ctx.runId,
        });
        const extractedAt = new Date().toISOString();
        const perTable: Record<string, { read: number; landed: number; mode: string }> = {};
        for (const table of tables) {
          ctx.signal.throwIfAborted();
          const configured = settings.watermarks.get(table.name);
          const watermark =
            configured !== undefined
              ? configured
              : table.columns.some((c) => c.name === DEFAULT_WATERMARK_COLUMN)
                ? DEFAULT_WATERMARK_COLUMN
                : null;
          const result = await readTableChanges(
            client,
            {
              schema: settings.schema,
              table,
              watermark,
              overlapSeconds: settings.overlapSeconds,
              cursor: state.tables[table.name],
              extractedAt,
            },
            (records) => batch.writePart(records),
          );
          if (result.cursor) cursors[table.name] = result.cursor;
          perTable[table.name] = { read: result.read, landed: result.changed, mode: watermark ?? 'whole' };
          ctx.log.info({ table: table.name, read: result.read, landed: result.changed }, 'table extracted');
        }
        const newTables = tables.map((t) => t.name).filter((t) => state.tables[t] === undefined);
        const manifest = await batch.commit({ source: config.name, tables: perTable });
        // only once the batch is committed: a failed run re-reads (load deduplicates)
        await ctx.state.set({ tables: cursors } satisfies SourceState);
        return {
          metadata: {
            database,
            schema: settings.schema,
            tables: tables.length,
            new_tables: newTables,
            rows_read: Object.values(perTable).reduce((n, t) => n + t.read, 0),
            rows: manifest.record_count,
            rows_by_table: Object.fromEntries(Object.entries(perTable).map(([t, v]) => [t, v.landed])),
          },
        };
      } finally {
        await client.end();
      }
    },
  });
}
