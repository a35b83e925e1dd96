import { Link } from 'react-router';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { AssetSummary } from '@voyager/orchestration/ui-api';
import { StatusBadge } from './status-badge.js';
import { assetHref, formatTime } from './format.js';

const col = createColumnHelper<AssetSummary>();
const columns = [
  col.accessor('key', {
    header: 'Asset',
    cell: (c) => <Link to={assetHref(c.getValue())}>{c.getValue()}</Link>,
  }),
  col.accessor('group', { header: 'Group' }),
  col.accessor('kind', { header: 'Kind' }),
  col.accessor('status', {
    header: 'Status',
    cell: (c) => (
      <>
        <StatusBadge status={c.getValue()} />
        {c.row.original.stale && <StatusBadge status="stale" />}
      </>
    ),
  }),
  col.accessor('lastMaterializedAt', {
    header: 'Last materialized',
    cell: (c) => formatTime(c.getValue()) || 'never',
  }),
  col.accessor((a) => a.checks.failed * 1e6 + a.checks.warn * 1e3 + a.checks.passed, {
    id: 'checks',
    header: 'Checks',
    cell: (c) => {
      const v = c.row.original.checks;
      if (v.passed + v.warn + v.failed === 0) return <span className="muted">none</span>;
      return (
        <span>
          {v.passed} passed{v.warn ? `, ${v.warn} warn` : ''}
          {v.failed ? <strong className="text-failed">, {v.failed} failed</strong> : ''}
        </span>
      );
    },
  }),
];

/** Estimated row height, px (a row is measured once drawn: at phone width rows are cards). */
const ROW_PX = 37;

/**
 * The catalog table (TanStack Table), sortable by every column header. Rows are virtualized
 * against the window's scroll (TanStack Virtual): a 1,000-asset catalog draws a screenful, with
 * spacer rows standing for the rest.
 */
export function AssetTable({ assets }: { assets: readonly AssetSummary[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: assets as AssetSummary[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const body = useRef<HTMLTableSectionElement>(null);
  const v = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_PX,
    overscan: 15,
    scrollMargin: body.current ? body.current.getBoundingClientRect().top + window.scrollY : 0,
    // the first screenful before the window is measured (and in a browser test that reads early)
    initialRect: { width: 1280, height: 1000 },
  });
  const items = v.getVirtualItems();
  const top = items.length > 0 ? items[0]!.start - v.options.scrollMargin : 0;
  const bottom = items.length > 0 ? v.getTotalSize() - (items.at(-1)!.end - v.options.scrollMargin) : 0;
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                  >
                    <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {top > 0 && <tr className="spacer" aria-hidden="true" style={{ height: top }} />}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={row.id} data-index={item.index} ref={v.measureElement}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} data-label={String(cell.column.columnDef.header)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && <tr className="spacer" aria-hidden="true" style={{ height: bottom }} />}
        </tbody>
      </table>
    </div>
  );
}
