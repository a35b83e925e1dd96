import { readEnvironment } from '@voyager/orchestration';
import { z } from 'zod';

/** Thrown when load's environment is missing or malformed; names the variable, never its value. Not retryable. */
export class LoadConfigError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'LoadConfigError';
  }
}

/** The environment variables load reads (on top of orchestration's `VOYAGER_*`). */
export const LoadEnvironment = z.object({
  /** `postgres` (default: the runtime's warehouse) or `supabase` (PostgREST with a service-role key). */
  VOYAGER_WAREHOUSE_TARGET: z.enum(['postgres', 'supabase']).default('postgres').meta({
    description:
      '`supabase` loads through the Supabase API with `SUPABASE_URL` and `SUPABASE_SERVICE_ROLE_KEY` (see `load/README.md`).',
  }),
  /** Supabase project URL, e.g. `https://abcd.supabase.co`; required for the `supabase` target. */
  SUPABASE_URL: z
    .url()
    .optional()
    .meta({ description: 'Supabase project URL, e.g. `https://abcd.supabase.co`.' }),
  /** Supabase service-role key (a secret); required for the `supabase` target. */
  SUPABASE_SERVICE_ROLE_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Supabase service-role key (a secret), for the `supabase` target.' }),
});
export type LoadEnvironment = z.infer<typeof LoadEnvironment>;

/**
 * Reads and validates load's environment.
 * @throws LoadConfigError with one line per bad variable.
 */
export function loadEnvironment(env: Readonly<Record<string, string | undefined>>): LoadEnvironment {
  const data = readEnvironment(LoadEnvironment, env, (problems) => new LoadConfigError(problems.join('\n')));
  if (data.VOYAGER_WAREHOUSE_TARGET === 'supabase') {
    const missing = (['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'] as const).filter((k) => !data[k]);
    if (missing.length > 0) {
      throw new LoadConfigError(
        missing.map((k) => `${k}: required when VOYAGER_WAREHOUSE_TARGET=supabase`).join('\n'),
      );
    }
  }
  return data;
}
