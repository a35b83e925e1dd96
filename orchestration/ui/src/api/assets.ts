import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  AssetDetail,
  AssetList,
  GraphLayout,
  GraphResponse,
  PartitionsResponse,
  SelectionResponse,
} from '@voyager/orchestration/ui-api';
import { apiFetch, keyPath } from './client.js';

/** Refresh period of the catalog and graph: runs change them. */
const LIVE_MS = 3000;

/** The asset catalog. */
export const useAssets = () =>
  useQuery({ queryKey: ['assets'], queryFn: () => apiFetch('/assets', AssetList), refetchInterval: LIVE_MS });

/** The asset graph (also prefetched by the lineage route). */
export const graphQuery = queryOptions({
  queryKey: ['graph'],
  queryFn: () => apiFetch('/graph', GraphResponse),
  refetchInterval: LIVE_MS,
});

/** The asset graph. */
export const useGraph = () => useQuery(graphQuery);

/** The lineage layout: computed once per graph shape by the server, so it never refetches. */
export const graphLayoutQuery = queryOptions({
  queryKey: ['graph-layout'],
  queryFn: () => apiFetch('/graph/layout', GraphLayout),
  staleTime: Infinity,
});

/** The lineage layout. */
export const useGraphLayout = () => useQuery(graphLayoutQuery);

/** One asset's page data (also prefetched by the asset route). */
export const assetQuery = (key: string) =>
  queryOptions({
    queryKey: ['asset', key],
    queryFn: () => apiFetch(`/assets/${keyPath(key)}`, AssetDetail),
    refetchInterval: LIVE_MS,
  });

/** One asset's page data. */
export const useAsset = (key: string) => useQuery(assetQuery(key));

/** Partition statuses of a partitioned asset. */
export const usePartitions = (key: string, enabled: boolean) =>
  useQuery({
    queryKey: ['partitions', key],
    queryFn: () => apiFetch(`/assets/${keyPath(key)}/partitions`, PartitionsResponse),
    enabled,
    refetchInterval: LIVE_MS,
  });

/** The keys a CLI selection resolves to (or its error line); nothing for an empty selection. */
export const useSelection = (select: string) =>
  useQuery({
    queryKey: ['selection', select],
    queryFn: () => apiFetch(`/selection?select=${encodeURIComponent(select)}`, SelectionResponse),
    enabled: select.trim() !== '',
    placeholderData: (prev) => prev,
  });
