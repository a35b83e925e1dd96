import { Link, useParams } from 'react-router';
import { useAsset } from '../api/assets.js';
import { QueryState } from '../components/query-state.js';
import { StatusBadge } from '../components/status-badge.js';
import { MetadataChart } from '../components/metadata-chart.js';
import { EventTable } from '../components/event-table.js';
import { PartitionGrid } from '../components/partition-grid.js';
import { assetHref, formatTime } from '../components/format.js';

/** One asset: description, columns, code location, history plotted, checks, partitions. */
export function AssetPage() {
  const key = useParams().key ?? '';
  const q = useAsset(key);
  const d = q.data;
  return (
    <section>
      <h1 className="asset-title">{key}</h1>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {d && (
          <>
            <p>{d.asset.description}</p>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={d.asset.status} /> {d.asset.stale && <StatusBadge status="stale" />}
              </dd>
              <dt>Group</dt>
              <dd>{d.asset.group}</dd>
              <dt>Kind</dt>
              <dd>{d.asset.kind}</dd>
              <dt>Last materialized</dt>
              <dd>{formatTime(d.asset.lastMaterializedAt) || 'never'}</dd>
              <dt>Code</dt>
              <dd>
                <code>{d.codeLocation}</code>
              </dd>
              <dt>Upstream</dt>
              <dd>
                {d.asset.deps.length
                  ? d.asset.deps.map((k) => (
                      <Link key={k} to={assetHref(k)}>
                        {k}{' '}
                      </Link>
                    ))
                  : 'none'}
              </dd>
              <dt>Downstream</dt>
              <dd>
                {d.downstream.length
                  ? d.downstream.map((k) => (
                      <Link key={k} to={assetHref(k)}>
                        {k}{' '}
                      </Link>
                    ))
                  : 'none'}
              </dd>
            </dl>
            <p>
              <Link to={`/launch?select=${encodeURIComponent(key)}`}>Materialize…</Link> ·{' '}
              <Link to={`/lineage?focus=${encodeURIComponent(key)}`}>Show in lineage</Link>
            </p>
            {d.columns && (
              <>
                <h2>Columns</h2>
                <table className="data">
                  <thead>
                    <tr>
                      <th>Column</th>
                      <th>Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.columns.map((c) => (
                      <tr key={c.name}>
                        <td>
                          <code>{c.name}</code>
                        </td>
                        <td>{c.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {d.asset.partitioned && (
              <>
                <h2>Partitions</h2>
                <PartitionGrid assetKey={key} />
              </>
            )}
            <h2>Materializations over time</h2>
            <MetadataChart history={d.history} />
            <h2>History</h2>
            <EventTable events={d.history} caption="Materializations and failures, newest first" />
            <h2>Checks</h2>
            {d.checkDefinitions.length === 0 ? (
              <p className="muted">This asset has no checks.</p>
            ) : (
              <ul>
                {d.checkDefinitions.map((c) => (
                  <li key={c.name}>
                    <code>{c.name}</code> {c.blocking ? '(blocking)' : '(warn)'}: {c.description}
                  </li>
                ))}
              </ul>
            )}
            <EventTable events={d.checkHistory} caption="Check results, newest first" />
          </>
        )}
      </QueryState>
    </section>
  );
}
