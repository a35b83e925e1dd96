import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAssets, useSelection } from '../api/assets.js';
import { useLaunch } from '../api/runs.js';
import { assetHref } from '../components/format.js';

type Mode = 'latest' | 'partition' | 'range';

/**
 * Launch: materialize a selection (with a preview of the assets it selects) for the latest
 * partition, one partition or a range. Runs `voyager materialize` as a child process of the
 * server, so closing the browser does not stop it.
 */
export function LaunchPage() {
  const [params] = useSearchParams();
  const [select, setSelect] = useState(params.get('select') ?? '*');
  const [mode, setMode] = useState<Mode>('latest');
  const [partition, setPartition] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const preview = useSelection(select);
  const assets = useAssets();
  const launch = useLaunch();
  const navigate = useNavigate();
  const partitioned = new Set(assets.data?.assets.filter((a) => a.partitioned).map((a) => a.key));
  const keys = preview.data?.error ? [] : (preview.data?.keys ?? []);
  const submit = () =>
    launch.mutate(
      {
        select,
        ...(mode === 'partition' && partition ? { partition } : {}),
        ...(mode === 'range' && from && to ? { from, to } : {}),
      },
      { onSuccess: (r) => navigate(`/runs/${encodeURIComponent(r.runId)}`) },
    );
  return (
    <section>
      <h1>Launch a run</h1>
      <form className="launch" onSubmit={(e) => (e.preventDefault(), submit())}>
        <label>
          Selection
          <input
            value={select}
            onChange={(e) => setSelect(e.target.value)}
            aria-describedby="launch-help"
            required
          />
        </label>
        <p id="launch-help" className="muted">
          As in <code>voyager materialize --select</code>: key, group:NAME, +key, key+, *
        </p>
        <fieldset>
          <legend>Partitions</legend>
          {(['latest', 'partition', 'range'] as const).map((m) => (
            <label key={m} className="inline">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'latest'
                ? 'latest complete partition'
                : m === 'partition'
                  ? 'one partition'
                  : 'a range (backfill)'}
            </label>
          ))}
          {mode === 'partition' && (
            <label>
              Partition key
              <input
                value={partition}
                placeholder="2026-11-29"
                onChange={(e) => setPartition(e.target.value)}
                required
              />
            </label>
          )}
          {mode === 'range' && (
            <>
              <label>
                From
                <input
                  value={from}
                  placeholder="2026-11-01"
                  onChange={(e) => setFrom(e.target.value)}
                  required
                />
              </label>
              <label>
                To
                <input value={to} placeholder="2026-11-29" onChange={(e) => setTo(e.target.value)} required />
              </label>
            </>
          )}
        </fieldset>
        <button type="submit" disabled={launch.isPending || keys.length === 0}>
          {launch.isPending ? 'Starting…' : `Materialize ${keys.length} asset${keys.length === 1 ? '' : 's'}`}
        </button>
        {launch.error && (
          <p className="error" role="alert">
            {launch.error.message}
          </p>
        )}
      </form>
      <h2>Preview</h2>
      {preview.data?.error ? (
        <p className="error">{preview.data.error}</p>
      ) : (
        <ol className="preview" aria-label="Assets the selection materializes, in order">
          {keys.map((k) => (
            <li key={k}>
              <Link to={assetHref(k)}>{k}</Link>{' '}
              {partitioned.has(k) && <span className="muted">(partitioned)</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
