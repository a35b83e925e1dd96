import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import type { NetworkConfig } from '../config/environment-config.js';
import { VoyagerSecurityGroup } from './security-group.js';
import { VpcEndpoints } from './vpc-endpoints.js';

/** TCP ports ECS tasks may open connections to: HTTPS, Postgres, Supabase's transaction pooler. */
export const TASK_EGRESS_PORTS = [443, 5432, 6543] as const;

/** The props of {@link Network}. */
export interface NetworkProps extends NetworkConfig {
  /** Physical name prefix, `voyager-network-<env>`. */
  readonly name: string;
  readonly region: string;
}

/**
 * A VPC over two availability zones with a public and a private subnet in each, the task
 * security group (egress only: tasks call out, nothing calls in) and the chosen private egress.
 * No NAT by default: tasks run in the public subnets with a public IP.
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  /** The subnets ECS tasks run in (public or private, from `taskSubnets`). */
  readonly taskSubnetIds: readonly string[];
  /** Egress-only security group of the ECS tasks. */
  readonly taskSecurityGroupId: string;
  /** Whether tasks need a public IP (`ENABLED` in public subnets). */
  readonly assignPublicIp: boolean;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    // An allowlist of zone names (a closed set): a zone AWS adds later never moves a subnet.
    // a, b and c: every region has at least two of them (us-west-1 has b and c for newer accounts).
    const azs = new DataAwsAvailabilityZones(this, 'azs', {
      state: 'available',
      filter: [{ name: 'zone-name', values: ['a', 'b', 'c'].map((z) => `${props.region}${z}`) }],
    });
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    // Take over the VPC's default security group and leave it without rules: anything launched
    // without an explicit group gets no traffic at all.
    new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-closed` },
    });
    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: props.name } });
    // Routes as separate resources: inline `route` blocks need every attribute in JSON and drift.
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId: vpc.id,
      tags: { Name: `${props.name}-public` },
    });
    new Route(this, 'public-default', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });
    const publicSubnets = props.publicSubnetCidrs.map((cidr, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: Fn.element(azs.names, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${i}`, tier: 'public' },
      });
      new RouteTableAssociation(this, `public-${i}-routes`, {
        subnetId: subnet.id,
        routeTableId: publicRoutes.id,
      });
      return subnet;
    });
    let natGatewayId: string | undefined;
    if (props.privateEgress === 'nat') {
      // One NAT for both AZs: half the cost of two, at the price of an AZ outage taking egress down.
      const eip = new Eip(this, 'nat-ip', { domain: 'vpc', tags: { Name: `${props.name}-nat` } });
      natGatewayId = new NatGateway(this, 'nat', {
        allocationId: eip.id,
        subnetId: publicSubnets[0]!.id,
        tags: { Name: props.name },
        dependsOn: [igw],
      }).id;
    }
    const privateRoutes = new RouteTable(this, 'private-routes', {
      vpcId: vpc.id,
      tags: { Name: `${props.name}-private` },
    });
    if (natGatewayId) {
      new Route(this, 'private-default', {
        routeTableId: privateRoutes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId,
      });
    }
    const privateSubnets = props.privateSubnetCidrs.map((cidr, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: Fn.element(azs.names, i),
        tags: { Name: `${props.name}-private-${i}`, tier: 'private' },
      });
      new RouteTableAssociation(this, `private-${i}-routes`, {
        subnetId: subnet.id,
        routeTableId: privateRoutes.id,
      });
      return subnet;
    });
    const taskSg = new VoyagerSecurityGroup(this, 'task-sg', {
      name: `${props.name}-tasks`,
      description: 'Voyager ECS tasks: no ingress, egress to the internet and AWS APIs',
      vpcId: vpc.id,
      ingress: [],
      // Egress only, to the ports the images use: HTTPS (Strava, AWS APIs), Postgres and Supabase's pooler.
      egress: TASK_EGRESS_PORTS.map((port) => ({ description: `tcp ${port} out`, port })),
    });
    if (props.privateEgress === 'endpoints') {
      new VpcEndpoints(this, 'endpoints', {
        name: props.name,
        region: props.region,
        vpcId: vpc.id,
        vpcCidr: props.vpcCidr,
        subnetIds: privateSubnets.map((s) => s.id),
        routeTableIds: [privateRoutes.id],
      });
    }
    this.vpcId = vpc.id;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.assignPublicIp = props.taskSubnets === 'public';
    this.taskSubnetIds = this.assignPublicIp ? this.publicSubnetIds : this.privateSubnetIds;
    this.taskSecurityGroupId = taskSg.id;
  }
}
