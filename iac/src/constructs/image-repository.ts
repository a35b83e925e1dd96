import { Construct } from 'constructs';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';

/** The props of {@link ImageRepository}. */
export interface ImageRepositoryProps {
  /** Repository name, `voyager-<image>-<env>`. */
  readonly name: string;
  /** Images kept; older ones are expired by the lifecycle policy. */
  readonly keepImages: number;
}

/**
 * The ECR repository of one image: immutable tags (a commit SHA always means the same image),
 * scan on push, and a lifecycle that keeps the last `keepImages` images.
 */
export class ImageRepository extends Construct {
  readonly name: string;
  readonly arn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, without a tag. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const repo = new EcrRepository(this, 'repo', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: repo.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Keep the last ${props.keepImages} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.keepImages },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    this.name = repo.name;
    this.arn = repo.arn;
    this.url = repo.repositoryUrl;
  }
}
