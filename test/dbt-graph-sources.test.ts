import { describe, expect, it } from 'vitest';
import { loadDbtAssets } from '@voyager/orchestration';
import { stravaExtractAssets } from '@voyager/extract';
import { createStravaLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// Which marts a graph keeps when a source is absent: `loadDbtAssets` leaves out the models that
// read a missing source, and everything downstream of them.
describe('the dbt assets of a graph with the Strava source only (no lifting log)', () => {
  it('keeps dim_date and the training marts, and leaves out only the lifting models', async () => {
    const e = stravaExtractAssets;
    const load = createStravaLoadAssets({
      activities: e.activities,
      activityDetails: e.activityDetails,
      activityStreams: e.activityStreams,
      athlete: e.athlete,
      athleteZones: e.athleteZones,
      athleteStats: e.athleteStats,
    });
    const dbt = await loadDbtAssets({ projectDir: transformationDir, upstream: load });
    const keys = dbt.assets.map((a) => a.key);
    expect(keys).toContain('marts/dim_date');
    expect(keys).toContain('marts/fct_activities');
    const skipped = dbt.skipped.map((s) => s.model).sort();
    expect(
      skipped.every((m) => /lifting|exercise|sets|workouts|muscle/.test(m)),
      skipped.join(', '),
    ).toBe(true);
    expect(skipped).toEqual(
      expect.arrayContaining(['stg_lifting__sets', 'fct_sets', 'fct_workouts', 'dim_exercise']),
    );
  });
});
