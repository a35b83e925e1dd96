import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import type { ImagePlan } from '../config/image-plan.js';
import { names } from '../config/names.js';
import { ImageRepository } from '../constructs/image-repository.js';
import { VoyagerStack } from './voyager-stack.js';

/** `voyager-registry-<env>`: one ECR repository per image of the asset graph, `voyager-<image>-<env>`. */
export class RegistryStack extends VoyagerStack {
  /** Repositories by image name. */
  readonly repositories: ReadonlyMap<string, ImageRepository>;

  constructor(scope: Construct, config: EnvironmentConfig, plans: readonly ImagePlan[]) {
    super(scope, 'registry', config);
    this.repositories = new Map(
      plans.map((p) => [
        p.image.name,
        new ImageRepository(this, `repo-${p.image.name}`, {
          name: names.repository(config.name, p.image.name),
          keepImages: config.keepImages,
        }),
      ]),
    );
  }
}
