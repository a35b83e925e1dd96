import { multiAsset } from '@voyager/orchestration';
import { stravaActivities } from './activities-asset.js';
import { landAthlete, STRAVA_ATHLETE_KEYS } from './athlete-landing.js';

/**
 * `strava_athlete`, one step with three keys: `landing/strava/athlete` (`GET /athlete`,
 * DetailedAthlete, every run), `landing/strava/athlete_zones` (`GET /athlete/zones`: heart-rate
 * bpm and power watts, as `{ athlete_id, heart_rate, power }`) and `landing/strava/athlete_stats`
 * (`GET /athletes/{id}/stats`, metres and seconds, as `{ athlete_id, ...ActivityStats }`). Zones
 * are fetched when the profile's `updated_at` changed or a day passed, stats when the activities
 * listing landed a new activity or a deletion or a day passed (`athlete-refresh.ts`); otherwise
 * those outputs are not produced, so a run with nothing new makes one request here.
 */
export const stravaAthlete = multiAsset({
  name: 'strava_athlete',
  description: 'The athlete profile every run; zones and stats when they may have changed',
  image: 'extract',
  group: 'strava',
  // stats follow what the listing landed in the same run
  deps: [stravaActivities],
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  outputs: [
    { key: STRAVA_ATHLETE_KEYS.athlete, description: 'One record per athlete (DetailedAthlete), per run' },
    {
      key: STRAVA_ATHLETE_KEYS.zones,
      description: 'One record per athlete: heart-rate (bpm) and power (watts) zones, when fetched',
      required: false,
    },
    {
      key: STRAVA_ATHLETE_KEYS.stats,
      description: 'One record per athlete: recent, year-to-date and all-time totals, when fetched',
      required: false,
    },
  ],
  materialize: landAthlete,
});
