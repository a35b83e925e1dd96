import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ObjectStore } from '../object-store/object-store.js';

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

/** Thrown for a line of a landing object that is not a JSON object. Carries the key and the 1-based line number. */
export class LandingLineError extends Error {
  readonly retryable = false;
  constructor(
    readonly objectKey: string,
    readonly lineNumber: number,
    /** Why the line was refused (the JSON parser's message, or `is not a JSON object`). */
    readonly reason: string,
  ) {
    super(`landing object ${objectKey} line ${lineNumber}: ${reason}`);
    this.name = 'LandingLineError';
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
 * way. Memory holds one chunk plus one line, whatever the object's size. The caller compares
 * {@link NdjsonLines.digest} with the manifest (load does it inside its transaction);
 * {@link readLandingObject} does it for readers.
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

/** One record of a landing object with where it came from. */
export interface LandingRecord {
  readonly record: Record<string, unknown>;
  /** 1-based line number in the (decompressed) object. */
  readonly lineNumber: number;
}

/** Options of {@link readLandingObject}. */
export interface ReadLandingObjectOptions {
  /**
   * Called for each line that is not a JSON object, which is then skipped; without it, reading
   * stops with the {@link LandingLineError}.
   */
  readonly onBadLine?: (error: LandingLineError) => void;
}

/**
 * The one landing reader: streams the JSON records of one NDJSON landing object (gzip when the key
 * ends in `.gz`), skipping empty lines, and verifies the stored bytes against the manifest's
 * `sha256` when given (after the last record, so a consumer that writes inside a transaction
 * rolls back).
 *
 * ### Examples
 * ```ts
 * for (const object of manifest.objects)
 *   for await (const { record } of readLandingObject(landing, object)) console.info(record.id);
 * ```
 *
 * @throws LandingLineError (key, line number) for a line that is not a JSON object (unless
 *   `options.onBadLine` takes it); the zlib
 *   error (`code` `Z_*`) of a corrupt gzip object; ObjectChecksumError on a sha256 mismatch.
 */
export async function* readLandingObject(
  store: ObjectStore,
  object: { readonly key: string; readonly sha256?: string },
  options: ReadLandingObjectOptions = {},
): AsyncGenerator<LandingRecord> {
  const body = await store.getStream(object.key);
  const stream = ndjsonLines(body, object.key.endsWith('.gz'));
  let lineNumber = 0;
  try {
    for await (const batch of stream.lines) {
      for (const line of batch) {
        lineNumber++;
        if (line.trim() === '') continue;
        let record: unknown;
        let reason: string | undefined;
        try {
          record = JSON.parse(line);
          if (typeof record !== 'object' || record === null || Array.isArray(record))
            reason = 'is not a JSON object';
        } catch (error) {
          reason = (error as Error).message;
        }
        if (reason === undefined) {
          yield { record: record as Record<string, unknown>, lineNumber };
          continue;
        }
        const bad = new LandingLineError(object.key, lineNumber, reason);
        if (!options.onBadLine) throw bad;
        options.onBadLine(bad);
      }
    }
  } finally {
    body.destroy();
  }
  const actual = stream.digest();
  if (object.sha256 !== undefined && actual !== object.sha256) {
    throw new ObjectChecksumError(object.key, object.sha256, actual);
  }
}
