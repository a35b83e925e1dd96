import { useEffect } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  LaunchResponse,
  LogPage,
  RunDetail,
  RunList,
  type LaunchRequest,
} from '@voyager/orchestration/ui-api';
import { apiFetch } from './client.js';

/** Runs, newest first; refreshed while any is running. */
export const useRuns = (status?: string) =>
  useQuery({
    queryKey: ['runs', status ?? ''],
    queryFn: () => apiFetch(`/runs?limit=200${status ? `&status=${status}` : ''}`, RunList),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'running') ? 1000 : 5000),
  });

/** One run with steps and events (also prefetched by the route, beside the page's code). */
export const runQuery = (runId: string) =>
  queryOptions({
    queryKey: ['run', runId],
    queryFn: () => apiFetch(`/runs/${encodeURIComponent(runId)}`, RunDetail),
  });

/** One run with steps and events. */
export const useRun = (runId: string) => useQuery(runQuery(runId));

/** A run's log lines. */
export const useRunLogs = (runId: string) =>
  useQuery({
    queryKey: ['run-logs', runId],
    queryFn: () => apiFetch(`/runs/${encodeURIComponent(runId)}/logs`, LogPage),
  });

/**
 * Follows a running run over server-sent events (`/api/runs/:id/stream`) and refetches its
 * detail and logs whenever the server reports a change; the stream ends with the run.
 */
export function useRunStream(runId: string, running: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!running) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/stream`);
    source.addEventListener('run', () => {
      void client.invalidateQueries({ queryKey: ['run', runId] });
      void client.invalidateQueries({ queryKey: ['run-logs', runId] });
    });
    source.onerror = () => source.close();
    return () => source.close();
  }, [client, runId, running]);
}

/** Launches a run (`POST /api/launch`). */
export const useLaunch = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: LaunchRequest) =>
      apiFetch('/launch', LaunchResponse, { method: 'POST', body: JSON.stringify(req) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['runs'] }),
  });
};

/** Cancels a run this server launched. */
export const useCancel = (runId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch(`/runs/${encodeURIComponent(runId)}/cancel`, z.object({ canceled: z.string() }), {
        method: 'POST',
        body: '{}',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['run', runId] }),
  });
};
