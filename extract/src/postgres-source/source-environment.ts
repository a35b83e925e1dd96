import { z } from 'zod';
import { readEnvironment, type EnvironmentSource, type ImageSecret } from '@voyager/orchestration';

/** Watermark column a table is read by when `VOYAGER_SOURCE_<NAME>_WATERMARKS` does not name one. */
export const DEFAULT_WATERMARK_COLUMN = 'last_updated';

/** Seconds each incremental read re-reads before the stored watermark, by default. */
export const DEFAULT_OVERLAP_SECONDS = 300;

/** `VOYAGER_SOURCE_<NAME>_` for a source name (`totesys` -> `VOYAGER_SOURCE_TOTESYS_`). */
export function sourceVariablePrefix(name: string): string {
  return `VOYAGER_SOURCE_${name.toUpperCase()}_`;
}

/**
 * The URL of source `name` as a secret of the image that runs its extract: in AWS the SecureString
 * parameter `/voyager/<env>/sources/<name>/url`, injected as `VOYAGER_SOURCE_<NAME>_URL` (the URL may
 * hold a password, so it never goes into a plain task environment).
 */
export function postgresSourceSecret(name: string): ImageSecret {
  return Object.freeze({
    env: `${sourceVariablePrefix(name)}URL`,
    parameter: `sources/${name.toLowerCase()}/url`,
    description: `Postgres URL of the ${name} operational database (postgres://user:password@host:5432/db)`,
  });
}

/**
 * The variables of one named operational-Postgres source (`VOYAGER_SOURCE_<NAME>_URL`, `_SCHEMA`,
 * `_WATERMARKS`, `_OVERLAP_SECONDS`), as a zod object schema for `readEnvironment` and the README.
 *
 * @param name lowercase source name, e.g. `totesys`.
 * @param urlUnset what an unset URL means (documentation only).
 */
export function postgresSourceEnvironment(name: string, urlUnset = 'required') {
  const p = sourceVariablePrefix(name);
  return z.object({
    [`${p}URL`]: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: `Postgres URL of the \`${name}\` operational database the \`landing/${name}/rows\` asset reads (a secret: it may hold a password).`,
        unset: urlUnset,
      }),
    [`${p}SCHEMA`]: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'must be a schema name')
      .default('public')
      .meta({
        description: `Schema of the \`${name}\` database whose tables are discovered and extracted.`,
        unset: '`public`',
      }),
    [`${p}WATERMARKS`]: z
      .string()
      .regex(/^\s*([A-Za-z_][\w$]*=[\w$]*\s*(,\s*|$))*$/, 'must be table=column pairs separated by commas')
      .optional()
      .meta({
        description: `Per-table watermark columns of \`${name}\`, \`table=column,...\`; \`table=\` (empty) takes that table whole and diffs it. Other tables: \`${DEFAULT_WATERMARK_COLUMN}\` when they have it, else whole and diffed.`,
        unset: `\`${DEFAULT_WATERMARK_COLUMN}\``,
      }),
    [`${p}OVERLAP_SECONDS`]: z.coerce
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_OVERLAP_SECONDS)
      .meta({
        description: `Seconds before the stored watermark each incremental read of \`${name}\` re-reads, so a row committed late with an older timestamp is not lost (re-read rows already landed are skipped).`,
        unset: String(DEFAULT_OVERLAP_SECONDS),
      }),
  });
}

/** The settings of one operational-Postgres source, read from the environment. */
export interface PostgresSourceSettings {
  /** The database URL, or `undefined` when unset. Never log it. */
  readonly url: string | undefined;
  readonly schema: string;
  /** Watermark column by table; `null`: take that table whole and diff it. */
  readonly watermarks: ReadonlyMap<string, string | null>;
  readonly overlapSeconds: number;
}

/**
 * Reads the settings of source `name` from `env`.
 * @throws ConfigError naming the malformed variable (never its value).
 */
export function readPostgresSourceSettings(name: string, env: EnvironmentSource): PostgresSourceSettings {
  const p = sourceVariablePrefix(name);
  const values = readEnvironment(postgresSourceEnvironment(name), env) as Record<string, unknown>;
  const watermarks = new Map<string, string | null>();
  for (const pair of String(values[`${p}WATERMARKS`] ?? '').split(',')) {
    const [table, column] = pair.split('=').map((s) => s.trim());
    if (table) watermarks.set(table, column ? column : null);
  }
  return Object.freeze({
    url: values[`${p}URL`] as string | undefined,
    schema: values[`${p}SCHEMA`] as string,
    watermarks,
    overlapSeconds: values[`${p}OVERLAP_SECONDS`] as number,
  });
}
