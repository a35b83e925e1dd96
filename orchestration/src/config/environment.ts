import { resolve } from 'node:path';
import { z } from 'zod';

/** Thrown when the environment is missing or malforms a value. The message has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

/** The environment variables the orchestration layer reads. Sources read their own (e.g. `STRAVA_*`). */
export const VoyagerEnvironment = z.object({
  /** Warehouse and run storage; unset: an embedded Postgres under `$VOYAGER_HOME/postgres`. */
  VOYAGER_DATABASE_URL: postgresUrl.optional(),
  /** TLS for the warehouse: `disable`, `require` (encrypt, do not verify), `verify-full`. Default: as the URL says. */
  VOYAGER_DATABASE_SSL: z.enum(['disable', 'require', 'verify-full']).optional(),
  /** Landing zone: `s3://bucket/prefix` or a folder; unset: `$VOYAGER_HOME/landing`. */
  VOYAGER_LANDING_URL: z
    .string()
    .min(1)
    .refine((v) => v.startsWith('s3://') || !/^[a-z][a-z0-9+.-]*:/i.test(v), {
      message: 'must be s3://bucket/prefix or a folder path (no other URL scheme)',
    })
    .optional(),
  /** Local state folder (embedded Postgres data, landing, token files); default `.voyager` under the project. */
  VOYAGER_HOME: z.string().min(1).optional(),
  /** Port of the embedded Postgres; default 54329. */
  VOYAGER_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  VOYAGER_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});
export type VoyagerEnvironment = z.infer<typeof VoyagerEnvironment>;

/** The resolved configuration of a run. */
export interface VoyagerConfig {
  readonly env: VoyagerEnvironment;
  /** Absolute path of the local state folder. */
  readonly home: string;
  /** Absolute landing folder or `s3://` URL. */
  readonly landingUrl: string;
}

/**
 * Reads and validates the environment once, at start.
 * @throws ConfigError with one line per missing or malformed variable, naming it (never its value).
 */
export function loadConfig(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): VoyagerConfig {
  const relevant = Object.fromEntries(
    Object.keys(VoyagerEnvironment.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = VoyagerEnvironment.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const home = resolve(projectDir, parsed.data.VOYAGER_HOME ?? '.voyager');
  const landing = parsed.data.VOYAGER_LANDING_URL;
  const landingUrl =
    landing === undefined
      ? resolve(home, 'landing')
      : landing.startsWith('s3://')
        ? landing
        : resolve(projectDir, landing);
  return Object.freeze({ env: parsed.data, home, landingUrl });
}
