import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ImageRepository } from '../src/constructs/image-repository.js';
import { PolicyDocument } from '../src/constructs/policy-document.js';
import { SecureBucket } from '../src/constructs/secure-bucket.js';
import { VoyagerSecurityGroup } from '../src/constructs/security-group.js';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const synthScope = (fn: Parameters<typeof Testing.synthScope>[0]): Json =>
  JSON.parse(Testing.synthScope(fn)) as Json;
const only = (json: Json, kind: 'resource' | 'data', type: string): Record<string, unknown> => {
  const found = Object.values(json[kind]?.[type] ?? {});
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('SecureBucket', () => {
  it('transitions to STANDARD_IA only when asked', () => {
    const plain = synthScope((scope) => new SecureBucket(scope, 'b', { bucketName: 'x' }));
    const rules = only(plain, 'resource', 'aws_s3_bucket_lifecycle_configuration').rule as { id: string }[];
    expect(rules.map((r) => r.id)).toEqual(['expire-old-versions']);
    const ia = synthScope(
      (scope) => new SecureBucket(scope, 'b', { bucketName: 'x', infrequentAccessAfterDays: 45 }),
    );
    expect(only(ia, 'resource', 'aws_s3_bucket_lifecycle_configuration').rule).toContainEqual(
      expect.objectContaining({
        id: 'to-infrequent-access',
        transition: [{ days: 45, storage_class: 'STANDARD_IA' }],
      }),
    );
  });

  it('disables ACLs and encrypts with bucket keys', () => {
    const json = synthScope((scope) => new SecureBucket(scope, 'b', { bucketName: 'x' }));
    expect(only(json, 'resource', 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(only(json, 'resource', 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true },
    ]);
  });
});

describe('ImageRepository', () => {
  it('keeps the configured number of images', () => {
    const json = synthScope(
      (scope) => new ImageRepository(scope, 'r', { name: 'voyager-x-test', keepImages: 7 }),
    );
    const policy = JSON.parse(String(only(json, 'resource', 'aws_ecr_lifecycle_policy').policy));
    expect(policy.rules[0].selection.countNumber).toBe(7);
    expect(only(json, 'resource', 'aws_ecr_repository')).toMatchObject({ image_tag_mutability: 'IMMUTABLE' });
  });
});

describe('VoyagerSecurityGroup', () => {
  it('renders rules as separate resources, the group itself or a CIDR as the peer', () => {
    const json = synthScope(
      (scope) =>
        new VoyagerSecurityGroup(scope, 'sg', {
          name: 'n',
          description: 'd',
          vpcId: 'vpc-1',
          ingress: [{ description: 'self', port: 'all', self: true }],
          egress: [{ description: 'https', port: 443 }],
        }),
    );
    expect(only(json, 'resource', 'aws_security_group')).not.toHaveProperty('ingress');
    expect(only(json, 'resource', 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      ip_protocol: '-1',
      referenced_security_group_id: expect.stringContaining('aws_security_group.sg_'),
    });
    expect(only(json, 'resource', 'aws_vpc_security_group_egress_rule')).toMatchObject({
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
    });
  });
});

describe('PolicyDocument', () => {
  it('keeps statements structured, Allow by default, NotResource and conditions included', () => {
    const json = synthScope(
      (scope) =>
        new PolicyDocument(scope, 'p', [
          {
            sid: 'A',
            actions: ['kms:Decrypt'],
            notResources: ['arn:aws:kms:*:1:key/*'],
            conditions: [
              { test: 'StringLike', variable: 'kms:ViaService', values: ['sqs.eu-west-1.amazonaws.com'] },
            ],
          },
        ]),
    );
    expect(only(json, 'data', 'aws_iam_policy_document').statement).toEqual([
      {
        sid: 'A',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        not_resources: ['arn:aws:kms:*:1:key/*'],
        condition: [
          { test: 'StringLike', variable: 'kms:ViaService', values: ['sqs.eu-west-1.amazonaws.com'] },
        ],
      },
    ]);
  });
});
