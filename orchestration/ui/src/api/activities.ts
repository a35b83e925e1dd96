import { useQuery } from '@tanstack/react-query';
import { ActivityStreams, type StreamAxis } from '@voyager/orchestration/ui-api';
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
