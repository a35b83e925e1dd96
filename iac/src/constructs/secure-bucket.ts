import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { PolicyDocument } from './policy-document.js';

/** The props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Move current objects to STANDARD_IA after this many days; omit to keep them in STANDARD. */
  readonly infrequentAccessAfterDays?: number;
  /** Expire noncurrent versions after this many days; default 90. */
  readonly noncurrentVersionDays?: number;
}

/**
 * An S3 bucket that is private and encrypted, whatever it holds: versioning, all four public access
 * blocks, bucket-owner-enforced ownership (no ACLs), SSE-S3 with bucket keys, a policy that denies
 * any request without TLS, and a lifecycle (optional IA transition, old versions expired,
 * incomplete multipart uploads aborted after 7 days).
 */
export class SecureBucket extends Construct {
  readonly bucketName: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    const tlsOnly = new PolicyDocument(this, 'tls-only', [
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [bucket.arn, `${bucket.arn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
    new S3BucketPolicy(this, 'policy', { bucket: bucket.id, policy: tlsOnly.json });
    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: 'expire-old-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ];
    if (props.infrequentAccessAfterDays !== undefined) {
      rules.push({
        id: 'to-infrequent-access',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        transition: [{ days: props.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' }],
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket: bucket.id, rule: rules });
    this.bucketName = bucket.bucket;
    this.arn = bucket.arn;
  }
}
