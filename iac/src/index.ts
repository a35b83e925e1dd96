/**
 * @voyager/iac: the CDKTF app of Voyager. Domain constructs wrap every provider call, so the
 * engine (CDKTF is archived upstream) can be swapped without touching the stacks' callers.
 */
export { createVoyagerStacks, type VoyagerStacks } from './voyager-app.js';
export { voyagerEnvironments, type IacEnv } from './config/environments.js';
export {
  environmentConfig,
  type EnvironmentConfig,
  type EnvironmentConfigInput,
  EnvironmentConfigError,
  type NetworkConfig,
  type BackendConfig,
} from './config/environment-config.js';
export { IacEnvironment } from './config/iac-environment.js';
export { imageBuildMatrix, type ImageBuild } from './config/image-build.js';
export { stackOrder, type CdktfManifest } from './stack-order.js';
