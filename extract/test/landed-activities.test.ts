import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { LocalObjectStore, writeLandingBatch, type ObjectStore } from '@voyager/orchestration';
import {
  EXPORT_FINGERPRINT,
  fingerprint,
  readLandedActivities,
  readLandedObject,
} from '@voyager/extract/testing';

let dir: string;
let landing: ObjectStore;
let run = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voyager-landed-'));
  landing = new LocalObjectStore(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Commits one batch, right after the previous one (the commit sequence orders them, not the clock). */
async function land(dataset: string, records: unknown[], metadata: Record<string, unknown> = {}) {
  await writeLandingBatch(landing, { dataset, runId: `r${++run}`, records, metadata });
}

describe('reading the landing zone', () => {
  it('streams a gzipped NDJSON object line by line, multi-byte text and blank lines included', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ i, text: `🚴 Ride ${i} ·\u202fkm` }),
    );
    await landing.put('t/part-00001.ndjson.gz', gzipSync(`${lines.join('\n')}\n\n`));
    const out = [];
    for await (const r of readLandedObject(landing, 't/part-00001.ndjson.gz')) out.push(r);
    expect(out).toHaveLength(3000);
    expect(out[2999]).toEqual({ i: 2999, text: '🚴 Ride 2999 ·\u202fkm' });
    await landing.put('t/bad.ndjson.gz', gzipSync(lines.join('\n')).subarray(0, 200));
    await expect(async () => {
      for await (const _ of readLandedObject(landing, 't/bad.ndjson.gz')) void _;
    }).rejects.toThrow(/unexpected end of file/);
  });

  it('applies deletions and re-listings in commit order: an activity listed again after its deletion is back', async () => {
    // every batch committed in the same millisecond: the commit sequence orders them, not the clock
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-10-20T06:00:00Z') });
    onTestFinished(() => void vi.useRealTimers());
    await land('strava/activities', [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    await land('strava/activity_deletions', [{ activity_id: 1, detected_at: '2025-10-20T00:00:00Z' }]);
    await land('strava/activity_deletions', [{ activity_id: 2, detected_at: '2025-10-20T00:00:00Z' }]);
    await land('strava/activities', [{ id: 2, name: 'b restored' }]);
    const activities = await readLandedActivities(landing);
    expect([...activities.keys()]).toEqual([2]);
    expect(activities.get(2)?.name).toBe('b restored');
  });

  it('leaves out API batches listed under another identity (the simulator after real credentials)', async () => {
    await land('strava/activities', [{ id: 7, name: 'simulated' }], { identity: 'http://sim client 1' });
    await land('strava/activities', [{ id: 8, name: 'real' }], { identity: 'https://strava client 2' });
    const real = await readLandedActivities(landing, { identity: 'https://strava client 2' });
    expect(real.has(7)).toBe(false);
    expect(real.get(8)?.name).toBe('real');
    expect((await readLandedActivities(landing)).has(7)).toBe(true);
  });

  it('fingerprints only API summaries: export values never look like an edit', () => {
    const api = { id: 1, distance: 10012.3, start_date: '2014-10-05T16:15:21Z' };
    const exported = { id: 1, distance: 10010, start_date: '2014-10-05T16:15:21Z', _source: 'bulk_export' };
    expect(fingerprint(exported, ['distance', 'start_date'])).toBe(EXPORT_FINGERPRINT);
    expect(fingerprint(api, ['distance', 'start_date'])).toMatch(/^[0-9a-f]{12}$/);
  });
});
