import { Construct } from 'constructs';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';

/** One IAM condition: `{ test: 'StringEquals', variable: 'aws:SecureTransport', values: ['false'] }`. */
export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One IAM statement. `effect` defaults to `Allow`; `sid` is required so reviews can name it. */
export interface PolicyStatement {
  readonly sid: string;
  readonly effect?: 'Allow' | 'Deny';
  /** Actions the statement covers; empty when `notActions` is used instead. */
  readonly actions: readonly string[];
  /** Every action except these (only in a permissions boundary, which is a ceiling, not a grant). */
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** `{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }`, `{ type: 'AWS', identifiers: ['*'] }`, ... */
  readonly principals?: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly conditions?: readonly PolicyCondition[];
}

/**
 * An IAM policy document rendered by Terraform (`data.aws_iam_policy_document`), so every
 * statement stays structured in the synthesized JSON, where the security tests read it.
 * Every policy in Voyager goes through this construct.
 */
export class PolicyDocument extends Construct {
  /** The rendered JSON policy (a Terraform token). */
  readonly json: string;

  constructor(scope: Construct, id: string, statements: readonly PolicyStatement[]) {
    super(scope, id);
    const doc = new DataAwsIamPolicyDocument(this, 'doc', {
      statement: statements.map((s) => ({
        sid: s.sid,
        effect: s.effect ?? 'Allow',
        ...(s.notActions ? { notActions: [...s.notActions] } : { actions: [...s.actions] }),
        ...(s.resources ? { resources: [...s.resources] } : {}),
        ...(s.notResources ? { notResources: [...s.notResources] } : {}),
        ...(s.principals
          ? { principals: s.principals.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })) }
          : {}),
        ...(s.conditions
          ? {
              condition: s.conditions.map((c) => ({
                test: c.test,
                variable: c.variable,
                values: [...c.values],
              })),
            }
          : {}),
      })),
    });
    this.json = doc.json;
  }
}
