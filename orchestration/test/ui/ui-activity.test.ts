import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityStreams } from '@voyager/orchestration/ui-api';
import { startUiTestServer, type UiTestServer } from './ui-test-server.js';
import { writeDemoStreams, writeDemoSummaryPolylines } from './fixture-project/demo-streams.js';

// The activity page's streams and route: read from staging (indexed, limited), downsampled by LTTB.
let s: UiTestServer;
const streams = async (path: string) => {
  const res = await fetch(`${s.url}/api/activities/${path}`);
  expect(res.status, path).toBe(200);
  return ActivityStreams.parse(await res.json());
};

beforeAll(async () => {
  s = await startUiTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe('activity streams API (embedded Postgres)', () => {
  it('says the streams are not built yet instead of failing', async () => {
    expect(await streams('42/streams')).toMatchObject({
      available: false,
      totalPoints: 0,
      route: [],
      routeSource: null,
    });
  });

  it('downsamples each recorded stream to 600 points keeping its ends and its peak, and draws the route', async () => {
    await writeDemoStreams(s.runtime.warehouse, 42);
    const d = await streams('42/streams?x=time');
    expect(d.totalPoints).toBe(3600);
    expect(Object.keys(d.series).sort()).toEqual([
      'altitude_m',
      'cadence_rpm',
      'heart_rate_bpm',
      'speed_m_per_s',
    ]);
    const hr = d.series.heart_rate_bpm!;
    expect(hr).toHaveLength(600);
    expect(hr[0]![0]).toBe(0);
    expect(hr.at(-1)![0]).toBe(3599);
    expect(Math.max(...hr.map((p) => p[1]))).toBe(200);
    expect(d.route.length).toBeGreaterThan(1000);
    expect(d.route.length).toBeLessThanOrEqual(1500);
    expect(d.route[0]![0]).toBeCloseTo(52.0, 6);
    expect(d.route[0]![1]).toBeCloseTo(13.007, 6);
    expect(d.routeSource).toBe('streams');
    expect(d.streamsActivityId).toBe('42'); // no fct_activity_sources: the activity's own points
    const byDistance = await streams('42/streams?x=distance');
    expect(byDistance.series.altitude_m!.at(-1)![0]).toBeCloseTo(10.797, 3);
    expect((await streams('43/streams')).totalPoints).toBe(0);
  });

  it('draws the route from the summary polyline when the activity has no recorded positions', async () => {
    // Google's worked example of the encoded polyline format (precision 5):
    // developers.google.com/maps/documentation/utilities/polylinealgorithm
    const example = '_p~iF~ps|U_ulLnnqC_mqNvxq`@';
    await writeDemoSummaryPolylines(s.runtime.warehouse, [
      [42, example], // has streams: they win
      [44, example],
      [45, null],
    ]);
    expect(await streams('42/streams')).toMatchObject({ routeSource: 'streams', totalPoints: 3600 });
    const d = await streams('44/streams');
    expect(d).toMatchObject({ available: true, totalPoints: 0, routeSource: 'summary_polyline' });
    expect(d.route).toEqual([
      [38.5, -120.2],
      [40.7, -120.95],
      [43.252, -126.453],
    ]);
    expect(await streams('45/streams')).toMatchObject({ route: [], routeSource: null });
    expect(await streams('46/streams')).toMatchObject({ route: [], routeSource: null });
  });

  it("rejects a bad activity id or axis in one line, and takes a device file's negative id", async () => {
    const bad = await fetch(`${s.url}/api/activities/abc/streams`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'activity id abc is not an activity id (an integer)' });
    // a device file of no Strava activity has a negative id: its page reads its streams too
    expect(await streams('-46/streams')).toMatchObject({
      available: true,
      totalPoints: 0,
      routeSource: null,
    });
    const axis = await fetch(`${s.url}/api/activities/42/streams?x=pace`);
    expect(axis.status).toBe(400);
    expect(((await axis.json()) as { error: string }).error).toBe('x must be time or distance, not pace');
  });
});
