import type { AssetContext } from '@voyager/orchestration';
import { loadEnvironment, LoadConfigError } from './load-environment.js';
import type { LoadTarget } from './load-target.js';
import { PostgresTarget } from './postgres/postgres-target.js';
import { SupabaseTarget } from './supabase/supabase-target.js';

/**
 * The target of a load step, from `VOYAGER_WAREHOUSE_TARGET` in the run's environment:
 * `postgres` (default) writes through `ctx.warehouse`; `supabase` through PostgREST
 * (`SUPABASE_URL`, `SUPABASE_SERVICE_ROLE_KEY`).
 * @throws LoadConfigError for a bad or incomplete environment.
 */
export function openLoadTarget(ctx: Pick<AssetContext, 'env' | 'warehouse'>): LoadTarget {
  const env = loadEnvironment(ctx.env);
  if (env.VOYAGER_WAREHOUSE_TARGET === 'supabase') {
    return new SupabaseTarget({ url: env.SUPABASE_URL!, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY! });
  }
  const url = ctx.env.VOYAGER_DATABASE_URL;
  if (!url) throw new LoadConfigError('VOYAGER_DATABASE_URL: not set in the run environment');
  const ssl = ctx.env.VOYAGER_DATABASE_SSL;
  if (ssl !== undefined && ssl !== '' && ssl !== 'disable' && ssl !== 'require' && ssl !== 'verify-full') {
    throw new LoadConfigError('VOYAGER_DATABASE_SSL: must be disable, require or verify-full');
  }
  return new PostgresTarget(ctx.warehouse, url, ssl === '' ? undefined : ssl);
}
