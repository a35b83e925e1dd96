import { Construct } from 'constructs';
import { VoyagerSecurityGroup } from './security-group.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';

/** The props of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnets that get an interface endpoint ENI each. */
  readonly subnetIds: readonly string[];
  /** Route tables that get the S3 gateway endpoint. */
  readonly routeTableIds: readonly string[];
}

/** AWS APIs that ECS tasks and MWAA call from private subnets (interface endpoints, private DNS). */
export const INTERFACE_ENDPOINT_SERVICES = [
  'ecr.api',
  'ecr.dkr',
  'ecs',
  'kms',
  'logs',
  'monitoring',
  'sqs',
  'ssm',
  'sts',
  'airflow.api',
  'airflow.env',
  'airflow.ops',
] as const;

/**
 * The free S3 gateway endpoint and one interface endpoint per {@link INTERFACE_ENDPOINT_SERVICES}.
 * Interface endpoints cost per hour and AZ: that is the trade against a NAT gateway.
 */
export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const sg = new VoyagerSecurityGroup(this, 'sg', {
      name: `${props.name}-endpoints`,
      description: 'HTTPS from inside the VPC to the interface endpoints',
      vpcId: props.vpcId,
      ingress: [{ description: 'HTTPS from the VPC', port: 443, cidr: props.vpcCidr }],
      egress: [],
    });
    new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
    });
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, service.replaceAll('.', '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [sg.id],
      });
    }
  }
}
