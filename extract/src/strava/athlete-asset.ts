import { asset, writeLandingBatch, type MaterializeResult } from '@voyager/orchestration';
import { DATASETS } from './constants.js';
import { Quarantine } from './quarantine.js';
import { ActivityStats, DetailedAthlete, Zones } from './schemas.js';
import { openStravaSession } from './strava-session.js';

/**
 * `landing/strava/athlete`: the athlete's profile (`GET /athlete`, DetailedAthlete), heart-rate and
 * power zones (`GET /athlete/zones`, bpm / watts) and stats (`GET /athletes/{id}/stats`, metres,
 * seconds) as `strava/athlete`, `strava/athlete_zones` (`{ athlete_id, heart_rate, power }`) and
 * `strava/athlete_stats` (`{ athlete_id, ...ActivityStats }`). Three requests per run.
 */
export const stravaAthlete = asset({
  key: 'landing/strava/athlete',
  description: 'One record per athlete (profile), plus their zones and stats, per run',
  image: 'extract',
  group: 'strava',
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  async materialize(ctx): Promise<MaterializeResult> {
    const session = await openStravaSession(ctx);
    const { client } = session;
    const quarantine = new Quarantine(ctx.runId);
    try {
      const athlete = quarantine.check(DetailedAthlete, DATASETS.athlete, await client.getAthlete());
      if (!athlete) {
        await quarantine.flush(ctx.landing, ctx.assetKey);
        return { metadata: { rows: 0, quarantined: 1 } };
      }
      const zones = quarantine.check(Zones, DATASETS.athleteZones, await client.getZones());
      const stats = quarantine.check(ActivityStats, DATASETS.athleteStats, await client.getStats(athlete.id));
      const land = (dataset: string, records: unknown[]) =>
        writeLandingBatch(ctx.landing, { dataset, runId: ctx.runId, records });
      await land(DATASETS.athlete, [athlete]);
      await land(DATASETS.athleteZones, zones ? [{ athlete_id: athlete.id, ...zones }] : []);
      await land(DATASETS.athleteStats, stats ? [{ athlete_id: athlete.id, ...stats }] : []);
      const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
      return {
        metadata: {
          rows: 1,
          athlete_id: athlete.id,
          zones: zones ? 1 : 0,
          stats: stats ? 1 : 0,
          quarantined,
          requests: client.requestCount,
        },
      };
    } finally {
      await session.close();
    }
  },
});
