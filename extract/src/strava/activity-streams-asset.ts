import { asset, readLandingManifests } from '@voyager/orchestration';
import { stravaActivities } from './activities-asset.js';
import { runActivityFanout } from './activity-fanout.js';
import { DATASETS } from './constants.js';
import { StreamSet } from './schemas.js';

/** A `strava/activity_streams` record: the `key_by_type` StreamSet of one activity and where it came from. */
export interface ActivityStreamsRecord {
  readonly activity_id: number;
  /** True when the simulator generated the streams (never for the real API or a file). */
  readonly synthetic: boolean;
  readonly source: 'api' | 'fit' | 'gpx' | 'tcx' | 'simulator';
  readonly streams: StreamSet;
}

/**
 * `landing/strava/activity_streams`: the eleven streams (time s, latlng deg, distance m, altitude m,
 * velocity_smooth m/s, heartrate bpm, cadence, watts, temp °C, moving, grade_smooth %) of each
 * activity not fetched yet, from `GET /activities/{id}/streams?keys=...&key_by_type=true`
 * (only the streams that exist). Resumable; `STRAVA_REQUEST_BUDGET` caps one run.
 */
export const stravaActivityStreams = asset({
  key: 'landing/strava/activity_streams',
  description: 'One record per activity whose streams were fetched in this run',
  image: 'extract',
  group: 'strava',
  deps: [stravaActivities],
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  materialize: (ctx) =>
    runActivityFanout<ActivityStreamsRecord>(ctx, {
      dataset: DATASETS.activityStreams,
      refetchOn: ['distance', 'elapsed_time', 'start_date'],
      recordsPerPart: 25,
      // streams the importer parsed from the export's own files need no API request
      async skipIds(landing) {
        const ids = new Set<number>();
        for (const m of await readLandingManifests(landing, DATASETS.activityStreams)) {
          if (m.metadata.source === 'bulk_export' && Array.isArray(m.metadata.activity_ids))
            for (const id of m.metadata.activity_ids) ids.add(Number(id));
        }
        return ids;
      },
      async fetch(client, id, quarantine) {
        const body = await client.getStreams(id);
        const streams = quarantine.check(StreamSet, DATASETS.activityStreams, body);
        if (!streams) return undefined;
        // the simulator marks generated streams (see simulator/synthetic.ts); Strava never does
        const synthetic = Object.values(streams).some((s) => s.synthetic === true);
        return { activity_id: id, synthetic, source: synthetic ? 'simulator' : 'api', streams };
      },
    }),
});
