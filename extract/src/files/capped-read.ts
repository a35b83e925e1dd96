import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Most bytes of one file that is neither an activity file nor an archive the inbox reads into
 * memory (to offer it to the handlers, which sniff and read whole files): 64 MiB. A larger one
 * (an export's videos and photos) is hashed by stream and ledgered as ignored, never held whole.
 */
export const MAX_OTHER_FILE_BYTES = 64 * 1024 ** 2;

/** A stream read up to a cap: its bytes when it fits, else only its sha256 and size. */
export type CappedRead =
  | { readonly bytes: Buffer; readonly sha256: string; readonly size: number }
  | { readonly bytes: undefined; readonly sha256: string; readonly size: number };

/**
 * Reads `source` to its end, hashing every byte (sha256), and keeps the bytes only while they
 * stay within `maxBytes`: memory is bounded by the cap, whatever the stream's length.
 * @throws the source's error (a failed read of S3 or of a zip entry).
 */
export async function readCapped(source: Readable, maxBytes: number): Promise<CappedRead> {
  const hash = createHash('sha256');
  let chunks: Buffer[] | undefined = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (chunks && size <= maxBytes) chunks.push(chunk);
    else chunks = undefined;
  }
  const sha256 = hash.digest('hex');
  return chunks ? { bytes: Buffer.concat(chunks, size), sha256, size } : { bytes: undefined, sha256, size };
}
