import {
  writeLandingBatch,
  type AssetContext,
  type Metadata,
  type MultiMaterializeResult,
} from '@voyager/orchestration';
import { activitiesBasis, AthleteRefreshState, planAthleteRefresh } from './athlete-refresh.js';
import { DATASETS } from './constants.js';
import { Quarantine } from './quarantine.js';
import { ActivityStats, DetailedAthlete, Zones } from './schemas.js';
import { openStravaSession } from './strava-session.js';

/** The output keys of `strava_athlete`. */
export const STRAVA_ATHLETE_KEYS = {
  athlete: 'landing/strava/athlete',
  zones: 'landing/strava/athlete_zones',
  stats: 'landing/strava/athlete_stats',
} as const;

/**
 * The compute of `strava_athlete`: lands the profile, then zones and stats when
 * {@link planAthleteRefresh} says so, and remembers what it fetched in `ctx.state`. A profile that
 * fails its schema is quarantined and nothing else is fetched.
 */
export async function landAthlete(ctx: AssetContext): Promise<MultiMaterializeResult> {
  const session = await openStravaSession(ctx);
  const { client } = session;
  const quarantine = new Quarantine(ctx.runId);
  try {
    const athlete = quarantine.check(DetailedAthlete, DATASETS.athlete, await client.getAthlete());
    if (!athlete) {
      const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
      return { outputs: { [STRAVA_ATHLETE_KEYS.athlete]: { metadata: { rows: 0, quarantined } } } };
    }
    const land = (dataset: string, records: unknown[]) =>
      writeLandingBatch(ctx.landing, { dataset, runId: ctx.runId, records });
    await land(DATASETS.athlete, [athlete]);
    const previous = AthleteRefreshState.safeParse((await ctx.state.get()) ?? {});
    const state: AthleteRefreshState = previous.success ? previous.data : {};
    const updatedAt = typeof athlete.updated_at === 'string' ? athlete.updated_at : null;
    const basis = await activitiesBasis(ctx.landing);
    const now = new Date();
    const plan = planAthleteRefresh(state, updatedAt, basis, now);
    const outputs: Record<string, { metadata: Metadata }> = {};
    if (plan.zones) {
      const zones = quarantine.check(Zones, DATASETS.athleteZones, await client.getZones());
      await land(DATASETS.athleteZones, zones ? [{ athlete_id: athlete.id, ...zones }] : []);
      outputs[STRAVA_ATHLETE_KEYS.zones] = { metadata: { rows: zones ? 1 : 0, reason: plan.zones } };
      state.zones = { athleteUpdatedAt: updatedAt, fetchedAt: now.toISOString() };
    }
    if (plan.stats) {
      const stats = quarantine.check(ActivityStats, DATASETS.athleteStats, await client.getStats(athlete.id));
      await land(DATASETS.athleteStats, stats ? [{ athlete_id: athlete.id, ...stats }] : []);
      outputs[STRAVA_ATHLETE_KEYS.stats] = { metadata: { rows: stats ? 1 : 0, reason: plan.stats } };
      state.stats = { basis, fetchedAt: now.toISOString() };
    }
    const quarantined = await quarantine.flush(ctx.landing, ctx.assetKey);
    await ctx.state.set(state);
    outputs[STRAVA_ATHLETE_KEYS.athlete] = {
      metadata: { rows: 1, athlete_id: athlete.id, quarantined, requests: client.requestCount },
    };
    return { outputs };
  } finally {
    await session.close();
  }
}
