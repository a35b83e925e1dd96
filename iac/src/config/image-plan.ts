import type { Definitions, ImageDefinition } from '@voyager/orchestration';
import type { FargateSize } from './fargate-size.js';
import { fargateSize } from './fargate-size.js';

/** What the infrastructure builds for one image of the asset graph. */
export interface ImagePlan {
  readonly image: ImageDefinition;
  /** Task size: the largest of the image's default and its assets' `resources`, rounded up to Fargate. */
  readonly size: FargateSize;
  /** Keys of the assets this image runs, sorted. */
  readonly assetKeys: readonly string[];
}

/**
 * One {@link ImagePlan} per image declared in the code location, sorted by name: the source of
 * every ECR repository and task definition, so an image added to `definitions.ts` shows up in
 * the infrastructure without touching `iac/`.
 *
 * @throws RangeError when an asset asks for more than Fargate offers.
 */
export function imagePlans(defs: Definitions): readonly ImagePlan[] {
  return [...defs.images]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((image) => {
      const assets = defs.graph.assets.filter((a) => a.image === image.name);
      const cpu = Math.max(image.resources.cpu, ...assets.map((a) => a.resources?.cpu ?? 0));
      const memoryMiB = Math.max(
        image.resources.memoryMiB,
        ...assets.map((a) => a.resources?.memoryMiB ?? 0),
      );
      return {
        image,
        size: fargateSize({ cpu, memoryMiB }),
        assetKeys: assets.map((a) => a.key).sort(),
      };
    });
}

/** `dbt` -> `dbt`, `my-image` -> `my_image`: the suffix of Airflow Variable names (snake_case). */
export function variableSuffix(imageName: string): string {
  return imageName.replaceAll('-', '_');
}
