import { describe, expect, it } from 'vitest';
import { planAthleteRefresh } from '@voyager/extract/testing';

// When `strava_athlete` asks for zones and stats (issue 12 point 4: a run with nothing new makes
// only the listing and profile requests).
describe('planAthleteRefresh', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const fetched = { fetchedAt: '2026-11-30T06:00:00Z' };
  const state = {
    zones: { athleteUpdatedAt: '2025-01-05T09:00:00Z', ...fetched },
    stats: { basis: '3:0', ...fetched },
  };

  it('fetches both on the first run', () => {
    expect(planAthleteRefresh({}, '2025-01-05T09:00:00Z', '1:0', now)).toEqual({
      zones: 'first run',
      stats: 'first run',
    });
  });

  it('fetches neither when nothing changed within a day', () => {
    expect(planAthleteRefresh(state, '2025-01-05T09:00:00Z', '3:0', now)).toEqual({
      zones: undefined,
      stats: undefined,
    });
  });

  it('fetches zones when the profile changed, stats when activities were added or deleted', () => {
    expect(planAthleteRefresh(state, '2026-11-30T10:00:00Z', '4:0', now)).toEqual({
      zones: 'profile updated',
      stats: 'new or deleted activities',
    });
    expect(planAthleteRefresh(state, '2025-01-05T09:00:00Z', '3:1', now).stats).toBe(
      'new or deleted activities',
    );
  });

  it('fetches both again once a day has passed', () => {
    const later = new Date('2026-12-01T06:00:00Z');
    expect(planAthleteRefresh(state, '2025-01-05T09:00:00Z', '3:0', later)).toEqual({
      zones: 'a day passed',
      stats: 'a day passed',
    });
  });
});
