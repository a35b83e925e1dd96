import { resolve } from 'node:path';
import { z } from 'zod';
import { readEnvironment, type EnvironmentSource } from './read-environment.js';

export { ConfigError } from './read-environment.js';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

/**
 * The environment variables the orchestration package reads (runtime, landing, dbt integration,
 * containers). Sources declare their own (e.g. extract's `StravaEnvironment`). Each variable's
 * `meta` feeds the README's configuration table (`npm run docs:env`).
 */
export const VoyagerEnvironment = z.object({
  VOYAGER_DATABASE_URL: postgresUrl.optional().meta({
    description: 'Warehouse and run storage, any Postgres URL (a Supabase database URL included).',
    unset: 'embedded Postgres',
  }),
  VOYAGER_DATABASE_SSL: z.enum(['disable', 'require', 'verify-full']).optional().meta({
    description: '`disable`, `require` (encrypted, not verified) or `verify-full`.',
    unset: 'as the URL says',
  }),
  VOYAGER_LANDING_URL: z
    .string()
    .min(1)
    .refine((v) => v.startsWith('s3://') || !/^[a-z][a-z0-9+.-]*:/i.test(v), {
      message: 'must be s3://bucket/prefix or a folder path (no other URL scheme)',
    })
    .optional()
    .meta({
      description: 'Landing zone: `s3://bucket/prefix` or a folder.',
      unset: '`$VOYAGER_HOME/landing`',
    }),
  VOYAGER_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .optional()
    .meta({
      description: 'Points an `s3://` landing zone at an S3-compatible server (moto, MinIO).',
      unset: 'AWS',
    }),
  AWS_REGION: z.string().min(1).optional().meta({
    description: 'Region of the S3 landing zone client.',
    unset: '`us-east-1`',
  }),
  VOYAGER_HOME: z.string().min(1).optional().meta({
    description: 'Local state: embedded Postgres data, landing, token files.',
    unset: '`.voyager`',
  }),
  VOYAGER_PG_PORT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65535)
    .default(54329)
    .meta({ description: 'Port of the embedded Postgres on 127.0.0.1.' }),
  VOYAGER_LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default('info')
    .meta({
      description: 'Logs go to stderr: pretty on a terminal, JSON lines otherwise.',
    }),
  VOYAGER_PROJECT_DIR: z.string().min(1).optional().meta({
    description: 'The project root holding `definitions.ts`.',
    unset: 'the nearest folder up from the working directory that has one',
  }),
  VOYAGER_LAUNCHED_BY: z.string().min(1).default('container').meta({
    description: 'Who started a container step (`local-process`, `airflow`), recorded with its run.',
  }),
  VOYAGER_DBT_RUNNER: z.enum(['auto', 'dbt', 'builtin']).default('auto').meta({
    description:
      '`dbt` (real dbt-core, an error when missing), `builtin` (no dbt needed), or `auto`: real dbt when found (`DBT_BIN`, else `.tools/dbt/bin/dbt` from `npm run setup:python`, else `dbt` on `PATH`), the built-in runner otherwise.',
  }),
  DBT_BIN: z.string().min(1).optional().meta({
    description: 'The dbt executable: a path or a name on `PATH`; when set, the only one tried.',
    unset: "the project's `.tools/dbt/bin/dbt`, else `dbt` on `PATH`",
  }),
  VOYAGER_TOOLS_DIR: z.string().min(1).optional().meta({
    description:
      'Folder of the Python tool environments `npm run setup:python` installs (dbt, Airflow, moto...).',
    unset: '`<project>/.tools`',
  }),
  VOYAGER_DBT_SCHEMA: z.string().min(1).default('public').meta({
    description: "dbt's target schema (models without a `schema` config build there).",
  }),
  VOYAGER_DBT_FULL_REFRESH: z
    .string()
    .regex(/^(true|false|1|0)$/i, 'must be true, false, 1 or 0')
    .optional()
    .transform((v) => /^(true|1)$/i.test(v ?? ''))
    .meta({
      description: "`true`: rebuild incremental models from scratch (dbt's `--full-refresh`).",
      unset: 'off',
    }),
  VOYAGER_DBT_PROJECT_DIR: z.string().min(1).default('transformation').meta({
    description: 'The dbt project folder the dbt container builds, relative to its working directory.',
  }),
});
export type VoyagerEnvironment = z.infer<typeof VoyagerEnvironment>;

/**
 * One variable of {@link VoyagerEnvironment}, validated alone (a bad value elsewhere does not
 * stop it): `voyagerSetting(ctx.env, 'VOYAGER_DBT_SCHEMA')` -> `'public'`.
 * @throws ConfigError naming the variable when its value is malformed.
 */
export function voyagerSetting<K extends keyof VoyagerEnvironment>(
  env: EnvironmentSource,
  key: K,
): VoyagerEnvironment[K] {
  const one = z.object({ [key]: VoyagerEnvironment.shape[key] });
  return (readEnvironment(one, env) as Record<string, unknown>)[key] as VoyagerEnvironment[K];
}

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
export function loadConfig(projectDir: string, env: EnvironmentSource = process.env): VoyagerConfig {
  const parsed = readEnvironment(VoyagerEnvironment, env);
  const home = resolve(projectDir, parsed.VOYAGER_HOME ?? '.voyager');
  const landing = parsed.VOYAGER_LANDING_URL;
  const landingUrl =
    landing === undefined
      ? resolve(home, 'landing')
      : landing.startsWith('s3://')
        ? landing
        : resolve(projectDir, landing);
  return Object.freeze({ env: parsed, home, landingUrl });
}
