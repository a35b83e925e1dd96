import { RemoteBackend, NamedRemoteWorkspace, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import type { EnvironmentConfig } from '../config/environment-config.js';

/** The AWS account context every stack can use in ARNs (Terraform tokens, resolved at plan time). */
export interface AwsContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
}

/**
 * Base of every Voyager stack: the AWS provider with default tags, the state backend from the
 * environment config (S3 with a lock file, or `remote` for HCP Terraform / Scalr), the naming
 * rule `voyager-<component>-<env>` and the account context.
 */
export abstract class VoyagerStack extends TerraformStack {
  /** The environment this stack belongs to. */
  readonly config: EnvironmentConfig;
  /** Account id, partition and region of the deployment. */
  readonly aws: AwsContext;

  /** Creates stack `voyager-<concern>-<env>`. */
  constructor(scope: Construct, concern: string, config: EnvironmentConfig) {
    const stackName = `voyager-${concern}-${config.name}`;
    super(scope, stackName);
    this.config = config;
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { project: 'voyager', environment: config.name, stack: stackName } }],
    });
    const backend = config.backend;
    if (backend.kind === 's3') {
      const s3 = new S3Backend(this, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        region: backend.region,
        encrypt: true,
      });
      // S3-native locking (Terraform >= 1.10); cdktf 0.21 predates the option, hence the override.
      s3.addOverride('use_lockfile', true);
    } else {
      new RemoteBackend(this, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedRemoteWorkspace(`${backend.workspacePrefix ?? ''}${stackName}`),
      });
    }
    const identity = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    this.aws = { accountId: identity.accountId, partition: partition.partition, region: config.region };
  }

  /** `voyager-<component>-<env>`, the physical name of a resource. */
  physicalName(component: string): string {
    return `voyager-${component}-${this.config.name}`;
  }
}
