import pg from 'pg';
import type { AssetContext } from '@voyager/orchestration';
import type { DefaultSourceDatabase } from '../postgres-source/index.js';
import { changeTotesys, fillTotesys } from './totesys-generator.js';

/** Name of the database the local default creates beside the warehouse. */
export const TOTESYS_DATABASE = 'totesys';

/** The warehouse's connection string with another database name. */
function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The local default of the totesys source (`VOYAGER_SOURCE_TOTESYS_URL` unset): a `totesys`
 * database on the warehouse's own Postgres server (the embedded one of `npm start`), created on
 * first use and filled by Voyager's generator; on every later run the change generator first
 * inserts and updates rows, so each run has changes to land.
 * @throws Error when the warehouse pool has no connection string (set the URL instead).
 */
export async function totesysDefaultDatabase(
  ctx: Pick<AssetContext, 'warehouse' | 'log'>,
): Promise<DefaultSourceDatabase> {
  const warehouseUrl = ctx.warehouse.options.connectionString;
  if (!warehouseUrl)
    throw new Error(
      'VOYAGER_SOURCE_TOTESYS_URL: is not set, and the warehouse has no URL to derive a local totesys database from',
    );
  const exists = await ctx.warehouse.query('select 1 from pg_database where datname = $1', [
    TOTESYS_DATABASE,
  ]);
  if (exists.rowCount === 0) {
    try {
      await ctx.warehouse.query(`create database ${TOTESYS_DATABASE}`);
    } catch (error) {
      // another step created it first
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  }
  const url = withDatabase(warehouseUrl, TOTESYS_DATABASE);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    // one generator at a time, whoever runs it
    await client.query('select pg_advisory_xact_lock(1765300017)');
    const filled = await fillTotesys(client);
    const changes = filled ? undefined : await changeTotesys(client);
    await client.query('commit');
    ctx.log.info(filled ? { generated: 'initial fill' } : { changes }, 'generated totesys database');
    return {
      url,
      description: filled
        ? `generated totesys database (created and filled by Voyager; VOYAGER_SOURCE_TOTESYS_URL names your own)`
        : `generated totesys database (the change generator amended it before this run)`,
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
