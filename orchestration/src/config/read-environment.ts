import type { z } from 'zod';

/** An environment: `process.env`, a run's `ctx.env`, or a test's plain object. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

/**
 * Thrown when the environment is missing or malforms a value. `problems` has one line per bad
 * variable, `NAME: what is wrong`, and never the value (it may be a secret). Not retryable: a retry
 * reads the same environment.
 */
export class ConfigError extends Error {
  readonly retryable = false;
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * The one way Voyager reads environment variables: picks the schema's variables from `env`
 * (an empty string counts as unset), parses them with the zod object schema (defaults, coercion,
 * enums), and returns the typed result. Every package declares its variables as one such schema
 * (`VoyagerEnvironment`, `StravaEnvironment`, `LoadEnvironment`, `IacEnvironment`) with
 * `.meta({ description })` on each, from which the README's configuration table is generated.
 *
 * ### Examples
 * ```ts
 * const MyEnvironment = z.object({ MY_API_URL: z.url().default('https://api.example.com') });
 * const { MY_API_URL } = readEnvironment(MyEnvironment, ctx.env);
 * ```
 *
 * @throws ConfigError (or what `fail` builds from the lines) with one line per bad variable,
 *   naming it and what is wrong, never its value.
 */
export function readEnvironment<S extends z.ZodObject>(
  schema: S,
  env: EnvironmentSource,
  fail: (problems: string[]) => Error = (problems) => new ConfigError(problems),
): z.output<S> {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const byVariable = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '(environment)');
    byVariable.set(name, [...(byVariable.get(name) ?? []), issue.message]);
  }
  throw fail([...byVariable].map(([name, messages]) => `${name}: ${messages.join('; ')}`));
}
