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
  VOYAGER_WAREHOUSE_TARGET: z.enum(['postgres', 'supabase']).default('postgres'),
  /** Supabase project URL, e.g. `https://abcd.supabase.co`; required for the `supabase` target. */
  SUPABASE_URL: z.url().optional(),
  /** Supabase service-role key (a secret); required for the `supabase` target. */
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
});
export type LoadEnvironment = z.infer<typeof LoadEnvironment>;

/**
 * Reads and validates load's environment.
 * @throws LoadConfigError with one line per bad variable.
 */
export function loadEnvironment(env: Readonly<Record<string, string | undefined>>): LoadEnvironment {
  const relevant = Object.fromEntries(
    Object.keys(LoadEnvironment.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = LoadEnvironment.safeParse(relevant);
  if (!parsed.success) {
    throw new LoadConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  if (parsed.data.VOYAGER_WAREHOUSE_TARGET === 'supabase') {
    const missing = (['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'] as const).filter((k) => !parsed.data[k]);
    if (missing.length > 0) {
      throw new LoadConfigError(
        missing.map((k) => `${k}: required when VOYAGER_WAREHOUSE_TARGET=supabase`).join('\n'),
      );
    }
  }
  return parsed.data;
}
