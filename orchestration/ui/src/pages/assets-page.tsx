import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AssetSummary } from '@voyager/orchestration/ui-api';
import { useAssets, useSelection } from '../api/assets.js';
import { QueryState } from '../components/query-state.js';
import { AssetTable } from '../components/asset-table.js';
import { AssetFilters, type Filters } from '../components/asset-filters.js';

/** Filters the catalog by text, group, status and (when given) the keys of a CLI selection. */
function applyFilters(assets: readonly AssetSummary[], f: Filters, selected: readonly string[] | undefined) {
  const text = f.search.trim().toLowerCase();
  const inSelection = selected ? new Set(selected) : undefined;
  return assets.filter(
    (a) =>
      (text === '' || a.key.includes(text) || a.description.toLowerCase().includes(text)) &&
      (f.group === '' || a.group === f.group) &&
      (f.status === '' || (f.status === 'stale' ? a.stale : a.status === f.status)) &&
      (inSelection === undefined || inSelection.has(a.key)),
  );
}

/** The asset catalog (home page): every asset with group, kind, status, checks and staleness. */
export function AssetsPage() {
  const assets = useAssets();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({
    search: params.get('q') ?? '',
    group: params.get('group') ?? '',
    status: params.get('status') ?? '',
    select: params.get('select') ?? '',
  });
  const selection = useSelection(filters.select);
  const update = (f: Filters) => {
    setFilters(f);
    const next = new URLSearchParams();
    if (f.search) next.set('q', f.search);
    if (f.group) next.set('group', f.group);
    if (f.status) next.set('status', f.status);
    if (f.select) next.set('select', f.select);
    setParams(next, { replace: true });
  };
  const all = assets.data?.assets ?? [];
  const groups = useMemo(() => [...new Set(all.map((a) => a.group))].sort(), [all]);
  const selected = filters.select.trim() === '' ? undefined : (selection.data?.keys ?? []);
  const rows = useMemo(() => applyFilters(all, filters, selected), [all, filters, selected]);
  return (
    <section>
      <h1>Assets</h1>
      <AssetFilters
        filters={filters}
        groups={groups}
        onChange={update}
        selectionError={selection.data?.error ?? null}
      />
      <QueryState isLoading={assets.isLoading} error={assets.error}>
        <p className="muted" aria-live="polite">
          {rows.length} of {all.length} assets
        </p>
        <AssetTable assets={rows} />
      </QueryState>
    </section>
  );
}
