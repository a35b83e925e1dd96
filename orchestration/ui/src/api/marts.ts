import { useQuery } from '@tanstack/react-query';
import { MartRows, type MartQueryName } from '@voyager/orchestration/ui-api';
import { apiFetch } from './client.js';

/** Rows of one dashboard query over the marts. */
export const useMart = (name: MartQueryName) =>
  useQuery({
    queryKey: ['mart', name],
    queryFn: () => apiFetch(`/marts/${name}`, MartRows),
    staleTime: 30_000,
  });

/** A mart row's number column (the API casts numbers to float8). */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
