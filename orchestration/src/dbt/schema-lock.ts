import type { Pool, PoolClient } from 'pg';
import { quoteIdent } from './relation.js';

/**
 * Creates `schema` if it is missing, inside the caller's open transaction, under a transaction-level
 * advisory lock on `schema:<name>`. Two `create schema if not exists` running at once on a new
 * schema can both pass the existence test, and the loser fails with 23505 on
 * `pg_namespace_nspname_index` (https://www.postgresql.org/message-id/flat/CA%2BTgmoZAdYVtwBfp1FL2sMZbiHCWT4UPrzRLNnX1Nb30Ku3-gg%40mail.gmail.com);
 * under the lock only one creates it.
 */
export async function createSchemaLocked(client: PoolClient, schema: string): Promise<void> {
  const found = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
  if (found.rowCount !== 0) return;
  await client.query('select pg_advisory_xact_lock(hashtext($1))', [`schema:${schema}`]);
  await client.query(`create schema if not exists ${quoteIdent(schema)}`);
}

/**
 * {@link createSchemaLocked} in a transaction of its own: what a real dbt step runs before dbt, so
 * parallel `dbt build` processes on an empty warehouse find their schema already there (dbt itself
 * creates schemas without a lock).
 */
export async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await createSchemaLocked(client, schema);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
