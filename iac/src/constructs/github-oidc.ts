import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider/index.js';
import type { PolicyStatement } from './policy-document.js';

/** GitHub's OIDC issuer host. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The props of {@link GithubOidcProvider}. */
export interface GithubOidcProviderProps {
  readonly owner: string;
  readonly repo: string;
}

/**
 * The account's GitHub Actions OIDC identity provider (one per account: import it if it exists,
 * `terraform import` with its ARN). AWS no longer checks the thumbprint for this issuer, but the
 * API still wants one.
 */
export class GithubOidcProvider extends Construct {
  readonly arn: string;
  readonly owner: string;
  readonly repo: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps) {
    super(scope, id);
    const provider = new IamOpenidConnectProvider(this, 'provider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
      thumbprintList: [
        '6938fd4d98bab03faadb97b34396831e3780aea1',
        '1c58a3a8518e8759bf075b76b750d4f2df264fcd',
      ],
    });
    this.arn = provider.arn;
    this.owner = props.owner;
    this.repo = props.repo;
  }

  /**
   * A trust statement for workflows of this repository whose token `sub` equals one of `subjects`
   * (after `repo:<owner>/<repo>:`), e.g. `ref:refs/heads/main`, `pull_request`,
   * `environment:production`. Checks `aud` too; `StringEquals`, never a wildcard.
   */
  trust(subjects: readonly string[]): PolicyStatement {
    const prefix = `repo:${this.owner}/${this.repo}:`;
    return {
      sid: 'GithubActions',
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [this.arn] }],
      conditions: [
        { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: ['sts.amazonaws.com'] },
        {
          test: 'StringEquals',
          variable: `${GITHUB_OIDC_HOST}:sub`,
          values: subjects.map((s) => prefix + s),
        },
      ],
    };
  }
}
