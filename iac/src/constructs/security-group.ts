import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';

/** One rule: TCP `port` (or every protocol when `port` is `all`) from/to a CIDR or this group itself. */
export interface SecurityGroupRule {
  readonly description: string;
  readonly port: number | 'all';
  /** IPv4 CIDR; omit with `self: true`. */
  readonly cidr?: string;
  /** The group itself as the peer. */
  readonly self?: boolean;
}

/** The props of {@link VoyagerSecurityGroup}. */
export interface VoyagerSecurityGroupProps {
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
}

/**
 * A security group whose rules are separate `aws_vpc_security_group_*_rule` resources (AWS's
 * recommended form; inline blocks drift and need every attribute in JSON). No rule means no traffic.
 */
export class VoyagerSecurityGroup extends Construct {
  readonly id: string;

  constructor(scope: Construct, id: string, props: VoyagerSecurityGroupProps) {
    super(scope, id);
    const sg = new SecurityGroup(this, 'sg', {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    const peer = (r: SecurityGroupRule): { cidrIpv4?: string; referencedSecurityGroupId?: string } =>
      r.self ? { referencedSecurityGroupId: sg.id } : { cidrIpv4: r.cidr ?? '0.0.0.0/0' };
    const ports = (r: SecurityGroupRule): { ipProtocol: string; fromPort?: number; toPort?: number } =>
      r.port === 'all' ? { ipProtocol: '-1' } : { ipProtocol: 'tcp', fromPort: r.port, toPort: r.port };
    props.ingress.forEach((r, i) => {
      new VpcSecurityGroupIngressRule(this, `in-${i}`, {
        securityGroupId: sg.id,
        description: r.description,
        ...ports(r),
        ...peer(r),
      });
    });
    props.egress.forEach((r, i) => {
      new VpcSecurityGroupEgressRule(this, `out-${i}`, {
        securityGroupId: sg.id,
        description: r.description,
        ...ports(r),
        ...peer(r),
      });
    });
    this.id = sg.id;
  }
}
