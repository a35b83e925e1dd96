import { Fn } from 'cdktf';
import type { ImagePlan } from './image-plan.js';
import { variableSuffix } from './image-plan.js';
import { names } from './names.js';

/** What the operator plugin needs to know about the network (Terraform tokens). */
export interface OperatorNetwork {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp: boolean;
}

/**
 * The Airflow Variables (and stack outputs) the Voyager operator plugin reads, by name:
 *
 * | name | value |
 * |---|---|
 * | `voyager_aws_region` | `eu-west-1` |
 * | `voyager_ecs_cluster` | `voyager-cluster-<env>` |
 * | `voyager_subnets` | JSON array of subnet ids |
 * | `voyager_security_groups` | JSON array of security group ids |
 * | `voyager_assign_public_ip` | `ENABLED` or `DISABLED` |
 * | `voyager_task_family_<image>` | `voyager-<image>-<env>` (RunTask uses the latest ACTIVE revision) |
 * | `voyager_container_name_<image>` | `<image>` (the container to override) |
 * | `voyager_log_group_<image>` | `/voyager/<env>/<image>` |
 * | `voyager_log_stream_prefix_<image>` | `<image>/<image>` (awslogs prefix / container name) |
 *
 * `<image>` is the image name in snake_case (`my-image` -> `my_image`).
 */
export function operatorVariables(
  env: string,
  region: string,
  plans: readonly ImagePlan[],
  network: OperatorNetwork,
): Readonly<Record<string, string>> {
  const vars: Record<string, string> = {
    voyager_aws_region: region,
    voyager_ecs_cluster: names.cluster(env),
    voyager_subnets: Fn.jsonencode([...network.subnetIds]),
    voyager_security_groups: Fn.jsonencode([...network.securityGroupIds]),
    voyager_assign_public_ip: network.assignPublicIp ? 'ENABLED' : 'DISABLED',
  };
  for (const { image } of plans) {
    const s = variableSuffix(image.name);
    vars[`voyager_task_family_${s}`] = names.taskFamily(env, image.name);
    vars[`voyager_container_name_${s}`] = image.name;
    vars[`voyager_log_group_${s}`] = names.logGroup(env, image.name);
    vars[`voyager_log_stream_prefix_${s}`] = `${image.name}/${image.name}`;
  }
  return vars;
}
