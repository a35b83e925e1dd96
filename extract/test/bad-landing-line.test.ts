import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { stravaActivityDetails } from '../src/strava/activity-details-asset.js';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { readLandedActivities, type BadLandedLine } from '@voyager/extract/testing';
import { withSimulator } from './support/strava-harness.js';

// Issue 12 point 9: one line that is not JSON in a landed strava/activities batch made details and
// streams fail on every run with `Unterminated string in JSON at position 28` (no key, no line).
let runtime: TestRuntime;
let simulator: StravaSimulator;
let key: string;

/** A committed batch whose part holds `lines` verbatim (a writer bug, a torn copy), with its manifest. */
async function landLines(
  store: ObjectStore,
  dataset: string,
  runId: string,
  lines: string[],
): Promise<string> {
  const prefix = `${dataset}/ingest_date=2025-10-20/run=${runId}/`;
  const body = gzipSync(`${lines.join('\n')}\n`);
  await store.put(`${prefix}part-00001.ndjson.gz`, body);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const objects = [
    { key: `${prefix}part-00001.ndjson.gz`, records: lines.length, bytes: body.length, sha256 },
  ];
  const manifest = {
    version: 1,
    dataset,
    run_id: runId,
    ingest_date: '2025-10-20',
    created_at: new Date().toISOString(),
    record_count: lines.length,
    objects,
    metadata: {},
  };
  await store.put(`${prefix}_manifest.json`, JSON.stringify(manifest));
  return objects[0]!.key;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  simulator = await startStravaSimulator();
  const [a, b] = simulator.activities().slice(-2);
  key = await landLines(runtime.landing, 'strava/activities', 'torn', [
    JSON.stringify(a),
    '{"id": 123, "name": "Unterminated',
    JSON.stringify(b),
  ]);
});
afterAll(async () => {
  await simulator?.stop();
  await runtime?.close();
});

describe('a bad line in a landed strava/activities batch', () => {
  it('readers report the object key and line number', async () => {
    await expect(readLandedActivities(runtime.landing)).rejects.toThrow(
      new RegExp(`landing object ${key} line 2: Unterminated string in JSON`),
    );
    const bad: BadLandedLine[] = [];
    const activities = await readLandedActivities(runtime.landing, { onBadLine: (b) => bad.push(b) });
    expect(activities.size).toBe(2);
    expect(bad).toEqual([{ key, line: 2, reason: expect.stringMatching(/Unterminated string/) }]);
  });

  it('does not block the details asset: the line is skipped and counted, the others are fetched', async () => {
    const outcome = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityDetails);
    expect(outcome.status, outcome.error).toBe('success');
    expect(outcome.metadata).toMatchObject({ rows: 2, bad_lines: 1 });
  });
});
