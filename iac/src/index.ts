/**
 * @voyager/iac: the CDKTF app of Voyager. Domain constructs wrap every provider call, so the
 * engine (CDKTF is archived upstream) can be swapped without touching the stacks' callers.
 */
export * from './config/environment-config.js';
export * from './config/environments.js';
export * from './config/iac-environment.js';
export * from './config/fargate-size.js';
export * from './config/image-build.js';
export * from './config/image-plan.js';
export * from './config/names.js';
export * from './config/operator-variables.js';
export * from './config/secret-plan.js';
export * from './constructs/airflow-variables.js';
export * from './constructs/asset-task-definition.js';
export * from './constructs/github-oidc.js';
export * from './constructs/iam-role.js';
export * from './constructs/image-repository.js';
export * from './constructs/mwaa-environment.js';
export * from './constructs/mwaa-execution-role.js';
export * from './constructs/network-lookup.js';
export * from './constructs/network.js';
export * from './constructs/policy-document.js';
export * from './constructs/secret-parameters.js';
export * from './constructs/secure-bucket.js';
export * from './constructs/security-group.js';
export * from './constructs/task-roles.js';
export * from './constructs/vpc-endpoints.js';
export * from './stack-order.js';
export * from './stacks/compute-stack.js';
export * from './stacks/identity-stack.js';
export * from './stacks/network-stack.js';
export * from './stacks/orchestration-stack.js';
export * from './stacks/registry-stack.js';
export * from './stacks/secrets-stack.js';
export * from './stacks/storage-stack.js';
export * from './stacks/voyager-stack.js';
export * from './voyager-app.js';
