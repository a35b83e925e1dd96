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
}

/** Declares an image (frozen). */
export function image(definition: ImageDefinition): ImageDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new Error(`image name "${definition.name}" must be lowercase kebab-case`);
  }
  return Object.freeze({ ...definition, command: Object.freeze([...definition.command]) });
}
