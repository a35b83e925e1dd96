import { describe, expect, it } from 'vitest';
import { loadDbtAssets } from '@voyager/orchestration';
import { filesInboxAsset, stravaExtractAssets } from '@voyager/extract';
import { createFilesLoadAssets, createStravaLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// Which marts a graph keeps when a source is absent: `loadDbtAssets` leaves out the models that
// read a missing source, and everything downstream of them. The activities come from Strava and
// the activity-file inbox (issue 15); every other source is absent. A graph without the inbox or
// the weather still has fct_activities (the inbox's device files land in the Strava tables; the
// weather is an optional source).
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

  it('a graph with the Strava API only (no inbox, no weather) keeps fct_activities and its sources mart', async () => {
    const e = stravaExtractAssets;
    const load = createStravaLoadAssets({ activities: e.activities, activityStreams: e.activityStreams });
    const dbt = await loadDbtAssets({ projectDir: transformationDir, upstream: load });
    const keys = dbt.assets.map((a) => a.key);
    expect(keys).toEqual(
      expect.arrayContaining(['marts/fct_activities', 'marts/fct_activity_sources', 'marts/dim_date']),
    );
    // the weather is an optional source: its raw tables exist from the migrations on, so without
    // its assets the weather models read them empty (no dep), and fct_activities keeps its columns
    const deps = (key: string) =>
      dbt.assets
        .find((a) => a.key === key)!
        .deps.map((d) => d.key)
        .sort();
    expect(deps('marts/fct_activities')).toEqual([
      'marts/dim_date', // its tests' relationships
      'marts/dim_sport_type',
      'marts/fct_activity_sources',
      'staging/stg_open_meteo__activity_places',
      'staging/stg_open_meteo__hourly_weather',
      'staging/stg_strava__activities',
    ]);
    expect(deps('staging/stg_open_meteo__hourly_weather')).toEqual([]);
    // the inbox's device detail is not needed: its models alone are left out
    expect(dbt.skipped.map((s) => s.model)).toContain('stg_files__activities');
    expect(deps('marts/fct_activity_sources')).not.toContain('staging/stg_files__activities');
  });
});
