import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LandingObjectRef } from '../load-target.js';
import { ObjectChecksumError } from '@voyager/orchestration';

/** A landing object copied to a local temp file whose sha256 matched the manifest. */
export interface VerifiedLocalCopy {
  /** Opens the local copy (the stored bytes, gzip as stored). */
  open(): Readable;
  /** Removes the temp file. */
  dispose(): Promise<void>;
}

/**
 * Downloads a landing object once into a temp file, hashing the bytes on the way, and checks the
 * sha256 against the manifest before anything is written: PostgREST has no transaction, so a
 * changed or truncated object must be refused before its first request, and reading the object
 * store twice (hash, then parse) would double the transfer.
 * @throws ObjectChecksumError when the bytes do not match the manifest's sha256 (temp file removed).
 */
export async function verifiedLocalCopy(
  body: Readable,
  object: LandingObjectRef,
  signal?: AbortSignal,
): Promise<VerifiedLocalCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-load-'));
  const path = join(dir, 'object');
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const file = createWriteStream(path);
    await (signal ? pipeline(body, tap, file, { signal }) : pipeline(body, tap, file));
    const actual = hash.digest('hex');
    if (actual !== object.sha256) throw new ObjectChecksumError(object.key, object.sha256, actual);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { open: () => createReadStream(path), dispose };
}
