import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ObjectStore } from '../object-store/object-store.js';
import type { AssetState } from './asset-context.js';

/**
 * What an asset's `missingPartitions` hook receives when a run names no partition (see
 * `AssetConfig.missingPartitions`): the same landing, warehouse, environment and project folder
 * as `materialize(ctx)` gets, the asset's cursor read-only, and the planning instant.
 */
export interface MissingPartitionsContext {
  /** The asset being planned, e.g. `raw/heart_rate_samples`. */
  readonly assetKey: string;
  /** Logger bound to `{ assetKey }`. */
  readonly log: Logger;
  /** The landing zone (local folder or S3): `list` a dataset to see which partitions hold data. */
  readonly landing: ObjectStore;
  /** The warehouse (pg Pool): query what is already loaded. Do not `end()` it. */
  readonly warehouse: Pool;
  /** The asset's durable state (its cursor), read-only: planning never moves a cursor. */
  readonly state: Pick<AssetState, 'get'>;
  /** Root directory of the project (where `definitions.ts` lives). */
  readonly projectDir: string;
  /** The run's environment values (strings only), as `AssetContext.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When the run was planned: the same instant that decides the latest complete partition. */
  readonly now: Date;
  /** Aborted when the run is canceled while planning. */
  readonly signal: AbortSignal;
}
