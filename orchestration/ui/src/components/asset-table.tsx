import { Link } from 'react-router';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
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

/** The catalog table (TanStack Table), sortable by every column header. */
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
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-label={String(cell.column.columnDef.header)}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
