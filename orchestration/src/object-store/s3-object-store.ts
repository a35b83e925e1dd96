import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store.js';
import { assertSafeKey } from './local-object-store.js';
import { voyagerSetting } from '../config/environment.js';

/** Thrown when S3 refuses to delete landing objects (e.g. AccessDenied): stale parts must not stay silently. */
export class S3DeleteError extends Error {
  constructor(
    readonly storeUrl: string,
    readonly failures: readonly string[],
  ) {
    super(
      `S3 refused to delete ${failures.length} object(s) under ${storeUrl}: ${failures.slice(0, 3).join('; ')}`,
    );
    this.name = 'S3DeleteError';
  }
}

/** Options of {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  /** Custom endpoint (e.g. a local S3 stand-in); default AWS. Path-style addressing is used when set. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Extra client config (credentials in tests). */
  readonly clientConfig?: S3ClientConfig;
}

/**
 * A landing zone under `s3://bucket/prefix`. Objects are written with multipart streaming
 * uploads. Checksums are computed only when required, so the store also works with S3-compatible
 * servers that do not implement the newer flexible checksums.
 */
export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #client: S3Client;

  /** @throws Error when `url` is not `s3://bucket[/prefix]`. */
  constructor(url: string, options: S3ObjectStoreOptions = {}) {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
    if (!m) throw new Error(`landing URL "${url}" is not s3://bucket/prefix`);
    this.url = url;
    this.#bucket = m[1]!;
    this.#prefix = m[2]!.replace(/\/+$/, '');
    this.#client = new S3Client({
      region: options.region ?? voyagerSetting(process.env, 'AWS_REGION') ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...options.clientConfig,
    });
  }

  #key(key: string): string {
    assertSafeKey(key);
    return this.#prefix === '' ? key : `${this.#prefix}/${key}`;
  }

  async put(key: string, body: Buffer | string | Readable): Promise<void> {
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: this.#key(key), Body: body },
    });
    await upload.done();
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const res = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      return res.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound)
        throw new ObjectNotFoundError(this.url, key);
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    return buffer(await this.getStream(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    const full = this.#prefix === '' ? prefix : `${this.#prefix}/${prefix}`;
    let token: string | undefined;
    do {
      const res = await this.#client.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: full, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) {
        if (o.Key === undefined) continue;
        const key = this.#prefix === '' ? o.Key : o.Key.slice(this.#prefix.length + 1);
        out.push({ key, size: o.Size ?? 0 });
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** @throws S3DeleteError when S3 refuses to delete any key (DeleteObjects answers 200 with per-key errors). */
  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    for (let i = 0; i < objects.length; i += 1000) {
      const batch = objects.slice(i, i + 1000);
      const res = await this.#client.send(
        new DeleteObjectsCommand({
          Bucket: this.#bucket,
          Delete: { Objects: batch.map((o) => ({ Key: this.#key(o.key) })), Quiet: true },
        }),
      );
      const failed = res.Errors ?? [];
      if (failed.length > 0) {
        throw new S3DeleteError(
          this.url,
          failed.map((e) => `${e.Key ?? '?'}: ${e.Code ?? 'error'}`),
        );
      }
    }
    return objects.length;
  }
}
