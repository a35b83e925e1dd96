import { Construct } from 'constructs';
import { DataAwsSecurityGroup } from '@cdktf/provider-aws/lib/data-aws-security-group/index.js';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets/index.js';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc/index.js';

/** The props of {@link NetworkLookup}. */
export interface NetworkLookupProps {
  /** Name tag of the VPC, `voyager-network-<env>`. */
  readonly networkName: string;
  /** Whether tasks run in the public subnets. */
  readonly taskSubnetsPublic: boolean;
}

/**
 * Finds the network stack's VPC, subnets and task security group by their names and tags.
 * Data sources instead of cross-stack references: CDKTF marks cross-stack outputs sensitive,
 * which Terraform then refuses in our own (plain) outputs and Airflow Variables.
 */
export class NetworkLookup extends Construct {
  readonly vpcId: string;
  readonly taskSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly taskSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: NetworkLookupProps) {
    super(scope, id);
    const vpc = new DataAwsVpc(this, 'vpc', { tags: { Name: props.networkName } });
    const subnets = (tier: 'public' | 'private'): string[] =>
      new DataAwsSubnets(this, `${tier}-subnets`, {
        filter: [{ name: 'vpc-id', values: [vpc.id] }],
        tags: { tier },
      }).ids;
    this.vpcId = vpc.id;
    this.privateSubnetIds = subnets('private');
    this.taskSubnetIds = props.taskSubnetsPublic ? subnets('public') : this.privateSubnetIds;
    this.taskSecurityGroupId = new DataAwsSecurityGroup(this, 'task-sg', {
      vpcId: vpc.id,
      name: `${props.networkName}-tasks`,
    }).id;
  }
}
