import { asset } from '@voyager/orchestration';
import { stravaActivities } from './activities-asset.js';
import { runActivityFanout } from './activity-fanout.js';
import { DATASETS } from './constants.js';
import { DetailedActivity } from './schemas.js';

/**
 * `landing/strava/activity_details`: one DetailedActivity (`GET /activities/{id}`: laps,
 * splits_metric, best_efforts, segment_efforts, gear, calories, device_name) per activity not
 * fetched yet or edited since, as `strava/activity_details`. Resumable; `STRAVA_REQUEST_BUDGET`
 * caps the requests of one run.
 */
export const stravaActivityDetails = asset({
  key: 'landing/strava/activity_details',
  description: 'One record per DetailedActivity fetched in this run (new or edited activities)',
  image: 'extract',
  group: 'strava',
  deps: [stravaActivities],
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  materialize: (ctx) =>
    runActivityFanout(ctx, {
      dataset: DATASETS.activityDetails,
      refetchOn: [
        'name',
        'sport_type',
        'distance',
        'moving_time',
        'elapsed_time',
        'start_date',
        'total_elevation_gain',
        'gear_id',
        'workout_type',
        'commute',
        'private',
      ],
      recordsPerPart: 100,
      async fetch(client, id, quarantine) {
        return quarantine.check(DetailedActivity, DATASETS.activityDetails, await client.getActivity(id));
      },
    }),
});
