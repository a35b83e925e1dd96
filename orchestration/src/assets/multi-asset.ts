import type { AssetContext } from '../context/asset-context.js';
import {
  asset,
  AssetDefinitionError,
  type AssetConfig,
  type AssetDefinition,
  type MaterializeResult,
} from './asset.js';
import type { AssetCheckDefinition } from './check.js';
import type { Metadata } from './json.js';

/** One key a {@link multiAsset} materializes. */
export interface AssetOutputConfig {
  /** The output's asset key, as {@link AssetConfig.key}. */
  readonly key: string;
  /** States the grain of this output: "One row per athlete". */
  readonly description: string;
  /** Default: the multi-asset's group, else derived from the key as {@link asset} does. */
  readonly group?: string;
  /** This output's checks; they run after its materialization, only when it was produced. */
  readonly checks?: readonly AssetCheckDefinition[];
  /**
   * Default `true`. An optional output the step leaves out of its result was not produced this
   * time: a `skipped` event is recorded for it instead of a materialization, and its checks do not
   * run. Steps downstream of it still run (they find nothing new), as the Airflow task of the step
   * succeeds for them. A required output left out fails the step.
   */
  readonly required?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a multi-asset's `materialize` returns: per produced output key, its metadata. */
export interface MultiMaterializeResult {
  readonly outputs: Readonly<Partial<Record<string, { readonly metadata?: Metadata }>>>;
}

/** The options object of {@link multiAsset}. */
export interface MultiAssetConfig extends Omit<
  AssetConfig,
  'key' | 'checks' | 'materialize' | 'description' | 'tags'
> {
  /**
   * The step's name, snake_case (`strava_athlete`): its Airflow task id, the key of its durable
   * state (`ctx.state`) and `ctx.assetKey` inside `materialize`. Must not equal an asset key.
   */
  readonly name: string;
  /** What the one step does. */
  readonly description: string;
  /** Two or more outputs, each its own asset key with its own materialization and checks. */
  readonly outputs: readonly AssetOutputConfig[];
  readonly tags?: Readonly<Record<string, string>>;
  /** One compute for every output; returns the metadata of each output it produced. */
  materialize(ctx: AssetContext): Promise<MultiMaterializeResult>;
}

/** A declared multi-asset: one step, several asset keys ({@link MultiAssetDefinition.assets}). */
export interface MultiAssetDefinition {
  readonly name: string;
  readonly description: string;
  /** The output assets, in declaration order: pass these to `definitions()` and as deps. */
  readonly assets: readonly AssetDefinition[];
  /** Keys of the outputs that may be left out of a result. */
  readonly optional: ReadonlySet<string>;
  /** The output asset of `key`. @throws AssetDefinitionError for a key that is not an output. */
  output(key: string): AssetDefinition;
  materialize(ctx: AssetContext): Promise<MultiMaterializeResult>;
}

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * Declares a multi-asset (Dagster's `multi_asset`): one step that materializes several asset keys.
 * Each output is an ordinary asset in the graph (its own key, deps on it, materialization event,
 * metadata and checks); the executor, the container entry point and the Airflow compiler run the
 * outputs as one step (one task), and selecting any output runs the whole step. All outputs share
 * the step's image, deps, partitions, retry and resources.
 *
 * ### Examples
 * ```ts
 * export const athlete = multiAsset({
 *   name: 'strava_athlete',
 *   description: 'The athlete profile, and their zones when the profile changed',
 *   image: 'extract',
 *   outputs: [
 *     { key: 'landing/strava/athlete', description: 'One record per athlete, per run' },
 *     { key: 'landing/strava/athlete_zones', description: 'One record per athlete', required: false },
 *   ],
 *   async materialize(ctx) {
 *     return { outputs: { 'landing/strava/athlete': { metadata: { rows: 1 } } } };
 *   },
 * });
 * ```
 *
 * @throws AssetDefinitionError for a bad name, fewer than two outputs, a duplicate output key, or
 * any error {@link asset} throws for an output.
 */
export function multiAsset(config: MultiAssetConfig): MultiAssetDefinition {
  const { name, outputs, materialize, description, ...shared } = config;
  if (!NAME_PATTERN.test(name)) {
    throw new AssetDefinitionError(`multi-asset name "${name}" must be snake_case (a-z, 0-9, _)`, name);
  }
  if (outputs.length < 2) {
    throw new AssetDefinitionError(`multi-asset ${name} needs two or more outputs (else use asset())`, name);
  }
  const keys = outputs.map((o) => o.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) {
    throw new AssetDefinitionError(`multi-asset ${name} declares output ${twice} twice`, name);
  }
  const byKey = new Map<string, AssetDefinition>();
  const assets: AssetDefinition[] = [];
  const definition: MultiAssetDefinition = {
    name,
    description,
    assets,
    optional: new Set(outputs.filter((o) => o.required === false).map((o) => o.key)),
    output(key) {
      const a = byKey.get(key);
      if (a === undefined) {
        throw new AssetDefinitionError(
          `${key} is not an output of multi-asset ${name} (has: ${keys.join(', ')})`,
          key,
        );
      }
      return a;
    },
    materialize: (ctx) => materialize(ctx),
  };
  for (const o of outputs) {
    const out = asset({
      ...shared,
      key: o.key,
      description: o.description,
      ...((o.group ?? shared.group) ? { group: o.group ?? shared.group } : {}),
      ...(o.checks ? { checks: o.checks } : {}),
      ...((o.tags ?? shared.tags) ? { tags: { ...shared.tags, ...o.tags } } : {}),
      // the executor runs the whole step; this is for code that calls one output by hand
      async materialize(ctx): Promise<MaterializeResult> {
        const result = await materialize(ctx);
        return { metadata: result.outputs[o.key]?.metadata ?? {} };
      },
    });
    const frozen = Object.freeze({ ...out, multiAsset: definition });
    byKey.set(o.key, frozen);
    assets.push(frozen);
  }
  Object.freeze(assets);
  return Object.freeze(definition);
}
