import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LandingBatchWriter,
  LandingManifestError,
  LocalObjectStore,
  isCorruptObject,
  LandingLineError,
  ObjectChecksumError,
  readLandingManifests,
  readLandingObject,
  writeLandingBatch,
} from '@voyager/orchestration';

const dirs: string[] = [];
const openStore = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-landing-'));
  dirs.push(dir);
  return new LocalObjectStore(dir);
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('landing batches', () => {
  it('writes gzip NDJSON parts under Hive-style keys and a manifest whose sha256 match the stored bytes', async () => {
    const store = await openStore();
    const records = Array.from({ length: 25 }, (_, i) => ({ id: i, name: `activity ${i} 🏃` }));
    const manifest = await writeLandingBatch(store, {
      dataset: 'strava/activities',
      runId: 'scheduled__2025-10-20T05:00:00+00:00',
      ingestDate: '2025-10-20',
      records,
      recordsPerPart: 10,
    });
    expect(manifest.record_count).toBe(25);
    expect(manifest.objects.map((o) => [o.key, o.records])).toEqual([
      [
        'strava/activities/ingest_date=2025-10-20/run=scheduled__2025-10-20T05_00_00_00_00/part-00001.ndjson.gz',
        10,
      ],
      [
        'strava/activities/ingest_date=2025-10-20/run=scheduled__2025-10-20T05_00_00_00_00/part-00002.ndjson.gz',
        10,
      ],
      [
        'strava/activities/ingest_date=2025-10-20/run=scheduled__2025-10-20T05_00_00_00_00/part-00003.ndjson.gz',
        5,
      ],
    ]);
    const lines: unknown[] = [];
    for (const o of manifest.objects) {
      const body = await store.get(o.key);
      expect(createHash('sha256').update(body).digest('hex')).toBe(o.sha256);
      expect(body.length).toBe(o.bytes);
      lines.push(
        ...gunzipSync(body)
          .toString('utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown),
      );
    }
    expect(lines).toEqual(records);
  });

  it('lists only complete batches (with a manifest), oldest first', async () => {
    const store = await openStore();
    await writeLandingBatch(store, {
      dataset: 'd',
      runId: 'r1',
      ingestDate: '2025-01-01',
      records: [{ a: 1 }],
    });
    const open = new LandingBatchWriter(store, { dataset: 'd', runId: 'r2', ingestDate: '2025-01-02' });
    await open.writePart([{ a: 2 }]); // never committed: a crashed run
    await writeLandingBatch(store, {
      dataset: 'd',
      runId: 'r3',
      ingestDate: '2025-01-03',
      records: [{ a: 3 }],
    });
    const manifests = await readLandingManifests(store, 'd');
    expect(manifests.map((m) => m.run_id)).toEqual(['r1', 'r3']);
    expect(manifests[0]!.manifestKey).toBe('d/ingest_date=2025-01-01/run=r1/_manifest.json');
  });

  it('clears a retried attempt of the same run, and replaces a whole ingest date when asked', async () => {
    const store = await openStore();
    const first = new LandingBatchWriter(store, { dataset: 'd', runId: 'r1', ingestDate: '2025-01-01' });
    await first.writePart([{ a: 1 }]);
    await first.writePart([{ a: 2 }]);
    // attempt 2 of the same run writes one part only: the stale part-00002 must be gone
    await writeLandingBatch(store, {
      dataset: 'd',
      runId: 'r1',
      ingestDate: '2025-01-01',
      records: [{ a: 1 }],
    });
    expect((await store.list('d/')).map((o) => o.key.split('/').pop())).toEqual([
      '_manifest.json',
      'part-00001.ndjson.gz',
    ]);
    await writeLandingBatch(store, {
      dataset: 'd',
      runId: 'r2',
      ingestDate: '2025-01-01',
      records: [{ a: 9 }],
      replaceIngestDate: true,
    });
    expect((await readLandingManifests(store, 'd')).map((m) => m.run_id)).toEqual(['r2']);
  });

  it('names a malformed manifest', async () => {
    const store = await openStore();
    await store.put('d/ingest_date=2025-01-01/run=r1/_manifest.json', '{"version": 2}');
    await expect(readLandingManifests(store, 'd')).rejects.toThrow(LandingManifestError);
    await expect(readLandingManifests(store, 'd')).rejects.toThrow(
      /d\/ingest_date=2025-01-01\/run=r1\/_manifest.json is invalid/,
    );
    expect(() => new LandingBatchWriter(store, { dataset: 'd', runId: 'r', ingestDate: '20250101' })).toThrow(
      /not YYYY-MM-DD/,
    );
  });
});

describe('readLandingObject', () => {
  it('streams the records of a committed batch with line numbers, verified against the manifest', async () => {
    const store = await openStore();
    const manifest = await writeLandingBatch(store, {
      dataset: 'fixture/rows',
      runId: 'r1',
      ingestDate: '2026-11-30',
      records: [{ id: 1 }, { id: 2 }, { id: 3 }],
    });
    const object = manifest.objects[0]!;
    const read = [];
    for await (const r of readLandingObject(store, object)) read.push(r);
    expect(read).toEqual([
      { record: { id: 1 }, lineNumber: 1 },
      { record: { id: 2 }, lineNumber: 2 },
      { record: { id: 3 }, lineNumber: 3 },
    ]);
    const wrong = { key: object.key, sha256: '0'.repeat(64) };
    await expect(async () => {
      for await (const _ of readLandingObject(store, wrong));
    }).rejects.toThrow(ObjectChecksumError);
  });

  it('names the key and the line of a malformed line, and reports a corrupt gzip object as corrupt', async () => {
    const store = await openStore();
    await store.put('fixture/bad.ndjson', Buffer.from('{"id":1}\n\n{"id":\n'));
    const error = await (async () => {
      for await (const _ of readLandingObject(store, { key: 'fixture/bad.ndjson' }));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LandingLineError);
    expect(error).toMatchObject({ objectKey: 'fixture/bad.ndjson', lineNumber: 3 });
    await store.put('fixture/bad.ndjson.gz', Buffer.from('not gzip at all'));
    const corrupt = await (async () => {
      for await (const _ of readLandingObject(store, { key: 'fixture/bad.ndjson.gz' }));
    })().catch((e: unknown) => e);
    expect(isCorruptObject(corrupt)).toBe(true);
  });
});
