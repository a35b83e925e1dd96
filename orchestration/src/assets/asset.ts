import type { AssetContext } from '../context/asset-context.js';
import type { MissingPartitionsContext } from '../context/missing-partitions-context.js';
import type { BackfillPolicy } from './backfill-policy.js';
import type { AssetCheckDefinition } from './check.js';
import type { Metadata } from './json.js';
import type { PartitionsDefinition } from './partitions.js';
import type { MultiAssetDefinition } from './multi-asset.js';
import { assetReference } from './asset-reference.js';

/** Retry policy of an asset: attempts and exponential backoff between them. */
export interface RetryPolicy {
  /** Attempts in all, including the first; default 1 (no retry). */
  readonly maxAttempts: number;
  /** Wait before the second attempt, in seconds; default 2. Doubles each time (with jitter). */
  readonly backoffSeconds?: number;
}

/** Container resources of an asset (Fargate units: 1024 cpu = 1 vCPU; memory in MiB). */
export interface AssetResources {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** What `materialize` returns: metadata shown by `voyager status` and stored as jsonb. Use `rows` or `objects` for the summary table. */
export interface MaterializeResult {
  readonly metadata?: Metadata;
}

/** The options object of {@link asset}. */
export interface AssetConfig {
  /** Where the data lives, `/`-separated: `landing/strava/activities`, `raw/strava_activities`, `marts/fct_activities`. Never changes once shipped. */
  readonly key: string;
  /** States the grain: "One row per activity". */
  readonly description: string;
  /** Which container image runs it (`extract`, `load`, `dbt`): a name from `definitions({ images })`. */
  readonly image: string;
  /** The source (`strava`) or dbt folder; default: the key's second segment when it has three, else its first. */
  readonly group?: string;
  /**
   * Upstream assets: objects, or keys (`'raw/strava_activities'`) for an asset declared where this
   * file cannot import it. A key is resolved when the graph is built (`definitions()`), which throws
   * a `GraphError` naming an unknown key.
   */
  readonly deps?: readonly AssetDep[];
  readonly partitions?: PartitionsDefinition;
  /**
   * Partitioned assets only: the partition keys this asset lacks although their upstream data is
   * there (Dagster's "missing partitions with upstream data"), asked in a run that names no
   * partition (no `--partition`, no `--from/--to`). Such a run materializes the ascending union of
   * these keys, the keys planned in the same run for a dep with the same partitioning (downstream
   * only), and the latest complete partition. A key is validated by `partitions.partition(key)`:
   * one outside the definition fails the plan. Return `[]` when nothing is missing; keep it cheap
   * (one listing, one query), it runs before every such run. Local and CLI runs only: scheduled
   * Airflow runs always pass one partition.
   *
   * Examples: `raw/heart_rate_samples` returns the hours landed (Takeout files, imports) but not
   * yet loaded according to `voyager.load_ledger`; a daily-partitioned weather landing asset would
   * return the UTC dates of positioned activities not yet linked to weather. Pair it with a
   * {@link backfillPolicy} when the history can be long (8,760 hours a year, ~1,000 dates).
   */
  readonly missingPartitions?: (ctx: MissingPartitionsContext) => Promise<readonly string[]>;
  /**
   * Partitioned assets only: how many partitions one step may materialize, default
   * `{ maxPartitionsPerStep: 1 }` (a step per partition). Applies to catch-ups and to
   * `--from/--to` backfills; a step of several keys gets them as `ctx.partition.keys`, with
   * `ctx.partition.window` spanning them and `ctx.partition.key` the first (see `StepPartition`).
   */
  readonly backfillPolicy?: BackfillPolicy;
  readonly retry?: RetryPolicy;
  readonly checks?: readonly AssetCheckDefinition[];
  /** Overrides the image's default container resources for this asset. */
  readonly resources?: AssetResources;
  /** Free-form labels (e.g. `{ kind: 'dbt', materialized: 'view' }`). */
  readonly tags?: Readonly<Record<string, string>>;
  materialize(ctx: AssetContext): Promise<MaterializeResult | void>;
}

/** An upstream asset: its definition, or its key (resolved by the graph). */
export type AssetDep = AssetDefinition | string;

/** A declared asset: the config, frozen, with `group` resolved. */
export interface AssetDefinition extends AssetConfig {
  readonly group: string;
  /**
   * Upstream definitions. A dep given as a key is a stand-in until
   * the asset is read back from an `AssetGraph`, whose copies hold the real definitions.
   */
  readonly deps: readonly AssetDefinition[];
  readonly checks: readonly AssetCheckDefinition[];
  readonly retry: RetryPolicy;
  /** Set on the outputs of a {@link multiAsset}: the step that materializes this key with its siblings. */
  readonly multiAsset?: MultiAssetDefinition;
}

/** Thrown for an asset definition that cannot be right (bad key, bad retry). Names the asset. */
export class AssetDefinitionError extends Error {
  constructor(
    message: string,
    readonly assetKey: string,
  ) {
    super(message);
    this.name = 'AssetDefinitionError';
  }
}

const KEY_PATTERN = /^[a-z][a-z0-9_]*(\/[a-z][a-z0-9_]*)*$/;

/**
 * Declares a software-defined asset.
 *
 * ### Examples
 * ```ts
 * export const activities = asset({
 *   key: 'landing/strava/activities',
 *   description: 'Every SummaryActivity of the athlete, as NDJSON pages in the landing zone',
 *   image: 'extract',
 *   retry: { maxAttempts: 3 },
 *   async materialize(ctx) {
 *     return { metadata: { pages: 6, rows: 1132 } };
 *   },
 * });
 * ```
 *
 * @throws AssetDefinitionError for a key (or a dep given by key) that is not lowercase `a/b_c` segments, a duplicate check name, a retry below 1, or `missingPartitions` / `backfillPolicy` on an unpartitioned asset (or a policy below 1).
 */
export function asset(config: AssetConfig): AssetDefinition {
  checkPartitionOptions(config);
  if (!KEY_PATTERN.test(config.key)) {
    throw new AssetDefinitionError(
      `asset key "${config.key}" must be lowercase segments of [a-z0-9_] separated by "/"`,
      config.key,
    );
  }
  const segments = config.key.split('/');
  const group = config.group ?? (segments.length >= 3 ? segments[1]! : segments[0]!);
  const retry = config.retry ?? { maxAttempts: 1 };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new AssetDefinitionError(
      `asset ${config.key}: retry.maxAttempts must be an integer >= 1`,
      config.key,
    );
  }
  const checks = config.checks ?? [];
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.name)) {
      throw new AssetDefinitionError(`asset ${config.key} declares check "${c.name}" twice`, config.key);
    }
    seen.add(c.name);
  }
  const deps = (config.deps ?? []).map((d) => {
    if (typeof d !== 'string') return d;
    if (!KEY_PATTERN.test(d)) {
      throw new AssetDefinitionError(`asset ${config.key}: dep "${d}" is not an asset key`, config.key);
    }
    return assetReference(d);
  });
  return Object.freeze({ ...config, group, retry, checks, deps });
}

/** Refuses the partition-only options on an unpartitioned asset, and a bad backfill policy. */
function checkPartitionOptions(config: AssetConfig): void {
  for (const option of ['missingPartitions', 'backfillPolicy'] as const) {
    if (config[option] !== undefined && config.partitions === undefined) {
      throw new AssetDefinitionError(
        `asset ${config.key}: ${option} needs partitions (the asset is not partitioned)`,
        config.key,
      );
    }
  }
  const max = config.backfillPolicy?.maxPartitionsPerStep;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new AssetDefinitionError(
      `asset ${config.key}: backfillPolicy.maxPartitionsPerStep must be an integer >= 1`,
      config.key,
    );
  }
}

/** The asset's key as an Airflow/SQL-friendly id: `landing/strava/activities` -> `landing__strava__activities`. */
export function assetTaskId(key: string): string {
  return key.replaceAll('/', '__');
}
