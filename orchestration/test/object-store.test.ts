import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalObjectStore, ObjectNotFoundError, type ObjectStore } from '@voyager/orchestration';
import { S3DeleteError, S3ObjectStore } from '../src/object-store/s3-object-store.js';
import { requireMotoServer, startMotoServer, type MotoServer } from '@voyager/orchestration/testing';

const dirs: string[] = [];
const moto = requireMotoServer();
let server: MotoServer | undefined;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

beforeAll(async () => {
  if (!moto.path) return;
  // moto's server emulates S3 (the real AWS S3 cannot be reached from here)
  server = await startMotoServer({ executable: moto.path });
  await new S3Client(server.clientConfig).send(new CreateBucketCommand({ Bucket: 'landing' }));
});
afterAll(async () => {
  await server?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const stores: Record<string, () => Promise<ObjectStore>> = {
  'local folder': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voyager-landing-'));
    dirs.push(dir);
    return new LocalObjectStore(dir);
  },
  [`S3 on moto ${moto.skipReason ?? ''}`.trim()]: async () => {
    if (!server) throw new Error(`moto is not running ${moto.skipReason ?? ''}`);
    return new S3ObjectStore(`s3://landing/prefix-${Math.random().toString(36).slice(2)}`, {
      endpoint: server.endpoint,
      region: server.region,
      clientConfig: { credentials: server.credentials },
    });
  },
};

describe.each(Object.entries(stores))('landing object store: %s', (name, open) => {
  const skip = name.startsWith('S3') && !moto.path;
  it.skipIf(skip)(
    'writes buffers and streams, reads them back byte for byte, and lists by prefix in key order',
    async () => {
      const store = await open();
      const big = Buffer.alloc(6 * 1024 * 1024 + 123, 7); // over one multipart part
      await store.put(
        'strava/activities/ingest_date=2025-10-20/run=r1/part-00002.ndjson.gz',
        Readable.from([big]),
      );
      await store.put(
        'strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz',
        Buffer.from('one'),
      );
      await store.put('strava/athlete/ingest_date=2025-10-20/run=r1/_manifest.json', '{"x":1}');
      expect(
        (await store.get('strava/activities/ingest_date=2025-10-20/run=r1/part-00002.ndjson.gz')).equals(big),
      ).toBe(true);
      const listed = await store.list('strava/activities/');
      expect(listed.map((o) => [o.key.split('/').pop(), o.size])).toEqual([
        ['part-00001.ndjson.gz', 3],
        ['part-00002.ndjson.gz', big.length],
      ]);
      const chunks: Buffer[] = [];
      for await (const c of await store.getStream(
        'strava/athlete/ingest_date=2025-10-20/run=r1/_manifest.json',
      ))
        chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('{"x":1}');
    },
  );

  it.skipIf(skip)('replaces an object on put, deletes a prefix, and names a missing key', async () => {
    const store = await open();
    await store.put('a/b/c.json', 'v1');
    await store.put('a/b/c.json', 'v2');
    expect((await store.get('a/b/c.json')).toString()).toBe('v2');
    expect(await store.exists('a/b/c.json')).toBe(true);
    expect(await store.deletePrefix('a/')).toBe(1);
    expect(await store.exists('a/b/c.json')).toBe(false);
    await expect(store.get('a/b/c.json')).rejects.toThrow(ObjectNotFoundError);
    await expect(store.get('a/b/c.json')).rejects.toThrow(/no object "a\/b\/c.json"/);
  });

  it.skipIf(skip)('refuses keys that could escape the landing root', async () => {
    const store = await open();
    await expect(store.put('../outside.txt', 'x')).rejects.toThrow(/must be a relative path/);
    await expect(store.put('/abs.txt', 'x')).rejects.toThrow(/must be a relative path/);
  });
});

describe('S3 landing store against a refusing server (stub: an S3 protocol stand-in on 127.0.0.1, since moto cannot refuse a DeleteObjects key)', () => {
  it('throws S3DeleteError naming the keys when DeleteObjects answers 200 with per-key errors', async () => {
    const { createServer } = await import('node:http');
    // answers ListObjectsV2 with one key and DeleteObjects with AccessDenied for it, as S3 does
    // when the task role lacks s3:DeleteObject
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/xml');
      if (req.method === 'GET') {
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>landing</Name><Prefix>p/d/</Prefix>' +
            '<KeyCount>1</KeyCount><IsTruncated>false</IsTruncated><Contents><Key>p/d/part-00001.ndjson.gz</Key>' +
            '<Size>3</Size></Contents></ListBucketResult>',
        );
        return;
      }
      req.resume();
      req.on('end', () =>
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><DeleteResult><Error><Key>p/d/part-00001.ndjson.gz</Key>' +
            '<Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>',
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const store = new S3ObjectStore('s3://landing/p', {
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        clientConfig: { credentials },
      });
      await expect(store.deletePrefix('d/')).rejects.toThrow(S3DeleteError);
      await expect(store.deletePrefix('d/')).rejects.toThrow(/p\/d\/part-00001.ndjson.gz: AccessDenied/);
    } finally {
      server.close();
    }
  });
});
