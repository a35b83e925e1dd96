import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePartitions } from '../api/assets.js';
import { useLaunch } from '../api/runs.js';
import { QueryState } from './query-state.js';

/**
 * The partition grid of a partitioned asset (materialized / failed / missing / running) and a
 * backfill form: pick a range (or click two cells) and launch `voyager materialize --from --to`.
 */
export function PartitionGrid({ assetKey }: { assetKey: string }) {
  const parts = usePartitions(assetKey, true);
  const launch = useLaunch();
  const navigate = useNavigate();
  const keys = parts.data?.partitions.map((p) => p.key) ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const pick = (key: string) =>
    from === '' || to !== ''
      ? (setFrom(key), setTo(''))
      : key < from
        ? (setTo(from), setFrom(key))
        : setTo(key);
  const inRange = (k: string) => from !== '' && k >= from && k <= (to || from);
  const submit = () =>
    launch.mutate(
      { select: assetKey, from, to: to || from },
      { onSuccess: (r) => navigate(`/runs/${encodeURIComponent(r.runId)}`) },
    );
  return (
    <QueryState isLoading={parts.isLoading} error={parts.error}>
      <ul className="legend" aria-label="Legend">
        {['materialized', 'failed', 'missing', 'running'].map((s) => (
          <li key={s}>
            <span className={`cell cell-${s}`} aria-hidden="true" /> {s}:{' '}
            {parts.data?.partitions.filter((p) => p.status === s).length ?? 0}
          </li>
        ))}
      </ul>
      <div className="partition-grid" role="group" aria-label="Partitions">
        {parts.data?.partitions.map((p) => (
          <button
            key={p.key}
            type="button"
            className={`cell cell-${p.status} ${inRange(p.key) ? 'picked' : ''}`}
            title={`${p.key}: ${p.status}`}
            aria-label={`${p.key}: ${p.status}`}
            aria-pressed={inRange(p.key)}
            onClick={() => pick(p.key)}
          />
        ))}
      </div>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), submit())}>
        <label>
          From
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">pick</option>
            {keys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          To
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">same</option>
            {keys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={from === '' || launch.isPending}>
          Backfill {from ? `${from}${to && to !== from ? ` → ${to}` : ''}` : 'a range'}
        </button>
        {launch.error && (
          <p className="error" role="alert">
            {launch.error.message}
          </p>
        )}
      </form>
    </QueryState>
  );
}
