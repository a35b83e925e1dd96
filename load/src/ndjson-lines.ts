import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Thrown when a landing object's bytes do not match the sha256 of its manifest. Not retryable. */
export class ObjectChecksumError extends Error {
  readonly retryable = false;
  constructor(
    readonly objectKey: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`landing object ${objectKey}: sha256 ${actual} does not match the manifest's ${expected}`);
    this.name = 'ObjectChecksumError';
  }
}

/**
 * Whether `error` says the object's stored bytes are unusable: a gzip stream that does not
 * decompress (zlib's `incorrect data check`, `unexpected end of file`...), as opposed to the
 * warehouse or the network failing. Such an object is quarantined, not retried. (A sha256
 * mismatch is refused instead, {@link ObjectChecksumError}: the object may be re-landed.)
 */
export function isCorruptObject(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** A stream of a landing object's lines plus the sha256 of its stored bytes once the stream has ended. */
export interface NdjsonLines {
  /** Batches of lines (without their `\n`), in order: one batch per decoded chunk. */
  readonly lines: AsyncIterable<string[]>;
  /** Hex sha256 of the bytes read; valid after `lines` is exhausted. */
  digest(): string;
}

/**
 * Streams the lines of a (gzip when `gzip` is true) NDJSON object, hashing the stored bytes on the
 * way. Memory holds one chunk plus one line, whatever the object's size.
 */
export function ndjsonLines(body: Readable, gzip: boolean): NdjsonLines {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  body.on('error', (error) => tap.destroy(error));
  const hashed = body.pipe(tap);
  const text = gzip ? hashed.pipe(createGunzip()) : hashed;
  if (gzip) hashed.on('error', (error) => text.destroy(error));
  text.setEncoding('utf8');
  let digest: string | undefined;
  async function* lines(): AsyncGenerator<string[]> {
    // pieces of a line longer than a chunk, joined once at its end (no quadratic re-concatenation)
    let pending: string[] = [];
    for await (const chunk of text as AsyncIterable<string>) {
      const batch: string[] = [];
      let start = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        const piece = chunk.slice(start, newline);
        batch.push(pending.length > 0 ? pending.join('') + piece : piece);
        pending = [];
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
      if (batch.length > 0) yield batch;
    }
    if (pending.length > 0) yield [pending.join('')];
    digest = hash.digest('hex');
  }
  return {
    lines: lines(),
    digest() {
      if (digest === undefined) throw new Error('digest() called before the lines were read');
      return digest;
    },
  };
}
