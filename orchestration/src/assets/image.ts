import type { AssetResources } from './asset.js';

/**
 * A container image that runs assets. Its `command` is the container entry point; the step
 * command is `[...command, 'materialize', <key>, '--partition', <P>, '--run-id', <R>]`, the
 * same in local process isolation (run from the project root), in DockerOperator and in ECS.
 */
export interface ImageDefinition {
  /** `extract`, `load`, `dbt`: what assets name in `image`. Also the ECR repository suffix. */
  readonly name: string;
  readonly description: string;
  /** Dockerfile path relative to the project root; the build context is the root. */
  readonly dockerfile: string;
  /** Entry point, relative to the image's work dir which mirrors the project root, e.g. `['node', 'extract/dist/main.js']`. */
  readonly command: readonly string[];
  /** Default Fargate size for its tasks. */
  readonly resources: AssetResources;
  /**
   * Prefixes of the environment variables its containers read besides `VOYAGER_*` (always
   * forwarded), e.g. `['STRAVA_']`. The docker and process Airflow targets forward the worker's
   * variables with these prefixes; `voyager --help` lists them. Default: none.
   */
  readonly envPrefixes?: readonly string[];
  /**
   * Settings of a run its steps read (not secrets), e.g. `['VOYAGER_TRAINING_AS_OF']`. The docker
   * and process Airflow targets forward them as the worker's variables (by prefix); on ECS, where
   * the task definition fixes the environment, the operator sends each one that is set (the
   * Airflow Variable of its lowercase name, else the worker's variable) as a container override.
   * UPPER_SNAKE. Default: none.
   */
  readonly runSettings?: readonly string[];
  /** The secrets its containers need (SSM parameters in AWS, the environment locally). Default: none. */
  readonly secrets?: readonly ImageSecret[];
  /**
   * Checks the environment the image's assets will see (after dev services), before any step
   * runs: one line per problem, naming the variable and the fix (never its value); `[]` when
   * usable. The CLI exits 2 with these lines. E.g. extract: partial Strava credentials.
   */
  readonly validateEnvironment?: (env: Readonly<Record<string, string | undefined>>) => readonly string[];
}

/**
 * A secret an image's containers need. Locally it is the environment variable `env` (or
 * `.env.local`); in AWS it is the SecureString parameter `/voyager/<env>/<parameter>`, which the
 * infrastructure creates with a placeholder and injects into the task as `env`.
 */
export interface ImageSecret {
  /** Environment variable name in the container, e.g. `STRAVA_CLIENT_SECRET`. */
  readonly env: string;
  /** Parameter path below `/voyager/<env>/`, lowercase with `/` and `_`, e.g. `strava/client_secret`. */
  readonly parameter: string;
  /** One line for `--help` and the parameter's description. */
  readonly description: string;
  /**
   * The container rewrites it (a rotating OAuth refresh token): it is not injected at task start,
   * the container reads and writes the parameter itself, and the task role may `ssm:PutParameter` it.
   */
  readonly rotates?: boolean;
}

/** Declares an image (frozen). */
export function image(definition: ImageDefinition): ImageDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new Error(`image name "${definition.name}" must be lowercase kebab-case`);
  }
  for (const prefix of definition.envPrefixes ?? []) {
    if (!/^[A-Z][A-Z0-9_]*_$/.test(prefix)) {
      throw new Error(
        `image "${definition.name}": env prefix "${prefix}" must be UPPER_SNAKE and end with _`,
      );
    }
  }
  for (const name of definition.runSettings ?? []) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
      throw new Error(`image "${definition.name}": run setting "${name}" must be UPPER_SNAKE`);
    }
  }
  for (const secret of definition.secrets ?? []) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(secret.env)) {
      throw new Error(`image "${definition.name}": secret env "${secret.env}" must be UPPER_SNAKE`);
    }
    if (!/^[a-z0-9_]+(\/[a-z0-9_]+)*$/.test(secret.parameter)) {
      throw new Error(
        `image "${definition.name}": secret parameter "${secret.parameter}" must be a lowercase path`,
      );
    }
  }
  return Object.freeze({
    ...definition,
    command: Object.freeze([...definition.command]),
    envPrefixes: Object.freeze([...(definition.envPrefixes ?? [])]),
    runSettings: Object.freeze([...(definition.runSettings ?? [])]),
    secrets: Object.freeze((definition.secrets ?? []).map((s) => Object.freeze({ ...s }))),
  });
}
