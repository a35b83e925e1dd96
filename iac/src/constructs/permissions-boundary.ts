import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import type { AwsContext } from '../stacks/voyager-stack.js';
import type { PolicyStatement } from './policy-document.js';
import { PolicyDocument } from './policy-document.js';

/** The props of {@link PermissionsBoundary} and {@link boundedIamStatements}. */
export interface PermissionsBoundaryProps {
  readonly aws: AwsContext;
  /** Physical policy name, `voyager-boundary-<env>`. */
  readonly name: string;
  /** Its ARN, `names.boundaryPolicyArn(env, aws)` (known before the policy exists). */
  readonly arn: string;
}

/** What `terraform apply` does to the Voyager roles: create, read, update, delete, tag, pass. */
const ROLE_ACTIONS = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:ListRoleTags',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PassRole',
] as const;

/** The actions that give a role permissions: allowed only on roles that carry the boundary. */
const GRANTING_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePermissionsBoundary',
] as const;

/**
 * The IAM statements of the apply role, repeated in the boundary (a boundary only caps, so the
 * apply role, which carries it too, needs them in both). No `iam:*`: the listed actions on
 * `voyager-*` roles; the four that grant permissions only when the role carries `boundaryArn`
 * (`iam:PermissionsBoundary`); managed policies attached only if AWS's ReadOnly or PowerUser;
 * policies read, never written (the boundary is changed with admin credentials, see iac/README.md);
 * the ECS and MWAA service-linked roles.
 */
export function boundedIamStatements(props: PermissionsBoundaryProps): PolicyStatement[] {
  const iam = (resource: string): string =>
    `arn:${props.aws.partition}:iam::${props.aws.accountId}:${resource}`;
  const roles = [iam('role/voyager-*')];
  const managed = ['ReadOnlyAccess', 'PowerUserAccess'].map(
    (p) => `arn:${props.aws.partition}:iam::aws:policy/${p}`,
  );
  const bounded = { test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [props.arn] };
  return [
    { sid: 'ManageVoyagerRoles', actions: [...ROLE_ACTIONS], resources: roles },
    {
      sid: 'GrantOnlyWithinBoundary',
      actions: GRANTING_ACTIONS.filter((a) => a !== 'iam:AttachRolePolicy'),
      resources: roles,
      conditions: [bounded],
    },
    {
      sid: 'AttachOnlyAwsReadOrPowerUser',
      actions: ['iam:AttachRolePolicy'],
      resources: roles,
      conditions: [bounded, { test: 'ArnEquals', variable: 'iam:PolicyARN', values: managed }],
    },
    {
      sid: 'ReadPolicies',
      actions: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:ListPolicyTags'],
      resources: [iam('policy/voyager-*'), ...managed],
    },
    {
      sid: 'GithubOidcProvider',
      actions: [
        'iam:GetOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider',
        'iam:TagOpenIDConnectProvider',
        'iam:UntagOpenIDConnectProvider',
      ],
      resources: [iam('oidc-provider/token.actions.githubusercontent.com')],
    },
    {
      sid: 'ServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [iam('role/aws-service-role/*')],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'iam:AWSServiceName',
          values: ['ecs.amazonaws.com', 'airflow.amazonaws.com'],
        },
      ],
    },
  ];
}

/**
 * The permissions boundary every Voyager role carries (`voyager-boundary-<env>`): a ceiling, not a
 * grant. It allows every non-IAM action (what AWS `PowerUserAccess` allows), IAM reads, and the
 * bounded IAM writes of {@link boundedIamStatements}; it denies removing a boundary and changing
 * this policy. So neither the apply role nor any role it creates can become admin.
 */
export class PermissionsBoundary extends Construct {
  /** The policy ARN (a Terraform token). */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps) {
    super(scope, id);
    const doc = new PolicyDocument(this, 'document', [
      {
        sid: 'AllButIamAndAccount',
        actions: [],
        notActions: ['iam:*', 'organizations:*', 'account:*'],
        resources: ['*'],
      },
      // ReadOnlyAccess of the plan role, and Terraform refreshing IAM resources.
      { sid: 'ReadIam', actions: ['iam:Get*', 'iam:List*'], resources: ['*'] },
      ...boundedIamStatements(props),
      {
        sid: 'KeepBoundaries',
        effect: 'Deny',
        actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        resources: ['*'],
      },
      {
        sid: 'KeepThisPolicy',
        effect: 'Deny',
        actions: [
          'iam:CreatePolicyVersion',
          'iam:DeletePolicy',
          'iam:DeletePolicyVersion',
          'iam:SetDefaultPolicyVersion',
        ],
        resources: [props.arn],
      },
    ]);
    const policy = new IamPolicy(this, 'policy', {
      name: props.name,
      description: 'Ceiling of every Voyager role: no IAM beyond voyager-* roles that carry this boundary',
      policy: doc.json,
    });
    this.arn = policy.arn;
  }
}
