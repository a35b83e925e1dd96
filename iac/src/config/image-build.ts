import type { ImageDefinition } from '@voyager/orchestration';

/** How images.yml (and dev/docker-compose.yml) build one image. */
export interface ImageBuild {
  readonly name: string;
  /** Dockerfile path relative to the repository root (the build context). */
  readonly dockerfile: string;
  /**
   * The build argument PACKAGE: the first folder of the image's entry script
   * (`['node', 'extract/dist/main.js']` -> `extract`). The shared Node Dockerfile builds that
   * workspace; a Dockerfile without `ARG PACKAGE` ignores it.
   */
  readonly package: string;
}

/**
 * One {@link ImageBuild} per image, sorted by name: the matrix of images.yml.
 * @throws Error when an image's command names no entry script below a folder.
 */
export function imageBuildMatrix(images: readonly ImageDefinition[]): readonly ImageBuild[] {
  return [...images]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((i) => {
      const script = i.command.find((part) => /^[\w.-]+\/.+\.[cm]?js$/.test(part));
      if (!script)
        throw new Error(`image "${i.name}": its command names no entry script (<folder>/.../x.js)`);
      return { name: i.name, dockerfile: i.dockerfile, package: script.split('/')[0]! };
    });
}
