import type { ImageSecret } from '@voyager/orchestration';
import type { ImagePlan } from './image-plan.js';

/**
 * The secret every image gets: the warehouse URL (Supabase or any Postgres), injected by ECS as
 * `VOYAGER_DATABASE_URL`. The only secret the core itself declares; sources declare theirs on
 * their image (`image({ secrets })`).
 */
export const WAREHOUSE_SECRET: ImageSecret = Object.freeze({
  env: 'VOYAGER_DATABASE_URL',
  parameter: 'warehouse/database_url',
  description: 'Warehouse Postgres URL (Supabase or any Postgres)',
});

/**
 * The environment variable naming the environment's SSM prefix (`/voyager/<env>`) in every
 * container: code that rewrites a rotating secret reads and writes `${VOYAGER_SSM_PREFIX}/<parameter>`.
 */
export const SSM_PREFIX_VARIABLE = 'VOYAGER_SSM_PREFIX';

/** One SSM parameter of the environment, with the images that use it. */
export interface SecretPlan {
  /** Path below `/voyager/<env>/`, e.g. `strava/refresh_token`. */
  readonly parameter: string;
  readonly description: string;
  /** Rewritten by the containers (never injected; the task role may read and write it). */
  readonly rotates: boolean;
  /** Environment variable name in the containers (injected unless `rotates`). */
  readonly env: string;
  /** Names of the images that declare it, sorted. */
  readonly images: readonly string[];
}

/** The secrets of one image: {@link WAREHOUSE_SECRET} first, then the image's own declarations. */
export function imageSecrets(plan: ImagePlan): readonly ImageSecret[] {
  return [WAREHOUSE_SECRET, ...(plan.image.secrets ?? [])];
}

/**
 * Every SSM parameter the environment needs, one per parameter path, sorted by path: the union
 * of {@link imageSecrets} over the images of the graph. An image added with its own secret gets
 * its parameter, its injection and its IAM rights on the next synth, with no change in `iac/`.
 *
 * @throws Error when two images declare one parameter differently (another env name, or one
 *   says it rotates and the other does not).
 */
export function secretPlans(plans: readonly ImagePlan[]): readonly SecretPlan[] {
  const byParameter = new Map<string, { secret: ImageSecret; images: string[] }>();
  for (const plan of plans) {
    for (const secret of imageSecrets(plan)) {
      const seen = byParameter.get(secret.parameter);
      if (!seen) {
        byParameter.set(secret.parameter, { secret, images: [plan.image.name] });
        continue;
      }
      if (seen.secret.env !== secret.env || Boolean(seen.secret.rotates) !== Boolean(secret.rotates)) {
        throw new Error(
          `secret parameter "${secret.parameter}" is declared differently by images ${seen.images.join(', ')} and ${plan.image.name} (env or rotates differ)`,
        );
      }
      if (!seen.images.includes(plan.image.name)) seen.images.push(plan.image.name);
    }
  }
  return [...byParameter.values()]
    .map(({ secret, images }) => ({
      parameter: secret.parameter,
      description: secret.description,
      rotates: secret.rotates === true,
      env: secret.env,
      images: [...images].sort(),
    }))
    .sort((a, b) => a.parameter.localeCompare(b.parameter));
}
