import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { PolicyStatement } from './policy-document.js';
import { PolicyDocument } from './policy-document.js';

/** The props of {@link VoyagerRole}. */
export interface VoyagerRoleProps {
  /** Physical role name, `voyager-<component>-<env>`. */
  readonly name: string;
  readonly description: string;
  /** Trust policy statements (`sts:AssumeRole` / `sts:AssumeRoleWithWebIdentity`). */
  readonly trust: readonly PolicyStatement[];
  /** Inline permissions; omit for a role that only gets managed policies. */
  readonly statements?: readonly PolicyStatement[];
  /** ARNs of managed policies to attach (used only for the read-only plan role). */
  readonly managedPolicyArns?: readonly string[];
  /**
   * ARN of the permissions boundary (`names.boundaryPolicyArn`). Required: the apply role may only
   * create and change roles that carry it, so a role it makes can never exceed the boundary.
   */
  readonly permissionsBoundary: string;
  /** Session length in seconds; default 3600. */
  readonly maxSessionSeconds?: number;
}

/** An IAM role with its trust policy and one inline policy, both from {@link PolicyDocument}. */
export class VoyagerRole extends Construct {
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: VoyagerRoleProps) {
    super(scope, id);
    const trust = new PolicyDocument(this, 'trust', props.trust);
    const role = new IamRole(this, 'role', {
      name: props.name,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: props.maxSessionSeconds ?? 3600,
      permissionsBoundary: props.permissionsBoundary,
    });
    if (props.statements && props.statements.length > 0) {
      const permissions = new PolicyDocument(this, 'permissions', props.statements);
      new IamRolePolicy(this, 'policy', { name: props.name, role: role.id, policy: permissions.json });
    }
    for (const [i, arn] of (props.managedPolicyArns ?? []).entries()) {
      new IamRolePolicyAttachment(this, `managed-${i}`, { role: role.name, policyArn: arn });
    }
    this.arn = role.arn;
    this.name = role.name;
  }
}
