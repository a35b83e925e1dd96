import type { Construct } from 'constructs';
import type { Definitions } from '@voyager/orchestration';
import type { EnvironmentConfig } from './config/environment-config.js';
import { imagePlans } from './config/image-plan.js';
import { ComputeStack } from './stacks/compute-stack.js';
import { IdentityStack } from './stacks/identity-stack.js';
import { NetworkStack } from './stacks/network-stack.js';
import { OrchestrationStack } from './stacks/orchestration-stack.js';
import { RegistryStack } from './stacks/registry-stack.js';
import { SecretsStack } from './stacks/secrets-stack.js';
import { StorageStack } from './stacks/storage-stack.js';

/** The stacks of one environment; `orchestration` only with the `mwaa` flag. */
export interface VoyagerStacks {
  readonly network: NetworkStack;
  readonly storage: StorageStack;
  readonly registry: RegistryStack;
  readonly secrets: SecretsStack;
  readonly compute: ComputeStack;
  readonly identity: IdentityStack;
  readonly orchestration?: OrchestrationStack;
}

/**
 * Creates the stacks of one environment from its config and the code location: repositories and
 * task definitions follow `defs.images` (sized by the assets' resources), so an image added to
 * `definitions.ts` is deployed without touching `iac/`. Stacks name each other's resources
 * (see `names`) and declare their order with explicit dependencies, which `cdktf.out/manifest.json` records.
 *
 * ### Examples
 * ```ts
 * const app = new App({ outdir: 'cdktf.out' });
 * for (const env of voyagerEnvironments(process.env)) createVoyagerStacks(app, env, definitions);
 * app.synth();
 * ```
 *
 * @throws RangeError when an asset asks for more than Fargate offers.
 */
export function createVoyagerStacks(
  scope: Construct,
  config: EnvironmentConfig,
  defs: Definitions,
): VoyagerStacks {
  const plans = imagePlans(defs);
  const network = new NetworkStack(scope, config);
  const storage = new StorageStack(scope, config);
  const registry = new RegistryStack(scope, config, plans);
  const secrets = new SecretsStack(scope, config, plans);
  const identity = new IdentityStack(scope, config, plans);
  identity.addDependency(registry);
  identity.addDependency(storage);
  const compute = new ComputeStack(scope, config, { plans });
  // identity creates the permissions boundary that the task roles carry.
  for (const s of [network, storage, registry, secrets, identity]) compute.addDependency(s);
  let orchestration: OrchestrationStack | undefined;
  if (config.features.mwaa) {
    orchestration = new OrchestrationStack(scope, config, plans);
    orchestration.addDependency(compute);
  }
  return {
    network,
    storage,
    registry,
    secrets,
    compute,
    identity,
    ...(orchestration ? { orchestration } : {}),
  };
}
