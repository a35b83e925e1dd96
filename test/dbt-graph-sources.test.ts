import { describe, expect, it } from 'vitest';
import { loadDbtAssets } from '@voyager/orchestration';
import { filesInboxAsset, stravaExtractAssets } from '@voyager/extract';
import { createFilesLoadAssets, createStravaLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// Which marts a graph keeps when a source is absent: `loadDbtAssets` leaves out the models that
// read a missing source, and everything downstream of them. The activities come from Strava and
// the activity-file inbox (fct_activities merges both, issue 15); every other source is absent.
describe('the dbt assets of a graph with the activity sources only (no lifting log)', () => {
  it('keeps dim_date and the training marts, and leaves out only the lifting models', async () => {
    const e = stravaExtractAssets;
    const load = createStravaLoadAssets({
      activities: e.activities,
      activityDetails: e.activityDetails,
      activityStreams: e.activityStreams,
      athlete: e.athlete,
      athleteZones: e.athleteZones,
      athleteStats: e.athleteStats,
      files: filesInboxAsset,
    });
    const files = createFilesLoadAssets({ activities: filesInboxAsset });
    const dbt = await loadDbtAssets({ projectDir: transformationDir, upstream: [...load, ...files] });
    const keys = dbt.assets.map((a) => a.key);
    expect(keys).toContain('marts/dim_date');
    expect(keys).toContain('marts/fct_activities');
    const skipped = dbt.skipped.map((s) => s.model).sort();
    expect(
      skipped.every((m) =>
        /lifting|exercise|sets|workouts|muscle|totesys|sales_|web_events|heart_rate|fitabase|open_meteo|weather/.test(
          m,
        ),
      ),
      skipped.join(', '),
    ).toBe(true);
    expect(skipped).toEqual(
      expect.arrayContaining(['stg_lifting__sets', 'fct_sets', 'fct_workouts', 'dim_exercise']),
    );
  });
});
