import { useQuery } from '@tanstack/react-query';
import { ActivityStreams, MartRows, type StreamAxis } from '@voyager/orchestration/ui-api';
import { apiFetch } from './client.js';

/** An activity's streams (downsampled by the server) against time or distance, and its route. */
export const useActivityStreams = (activityId: string, axis: StreamAxis) =>
  useQuery({
    queryKey: ['activity-streams', activityId, axis],
    queryFn: () =>
      apiFetch(`/activities/${encodeURIComponent(activityId)}/streams?x=${axis}`, ActivityStreams),
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });

/**
 * One activity's rows of a per-activity mart: `summary` (marts.fct_activities, at most one row),
 * `sources` (marts.fct_activity_sources, the canonical record first) or `weather`
 * (marts.fct_activity_weather, at most one row).
 */
export const useActivityMart = (activityId: string, name: 'summary' | 'sources' | 'weather') =>
  useQuery({
    queryKey: ['activity-mart', name, activityId],
    queryFn: () => apiFetch(`/activities/${encodeURIComponent(activityId)}/${name}`, MartRows),
    staleTime: 60_000,
  });
