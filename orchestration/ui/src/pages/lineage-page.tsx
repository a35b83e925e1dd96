import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useGraph, useGraphLayout, useSelection } from '../api/assets.js';
import { LineageGraph, neighbourhood } from '../components/lineage-graph.js';
import { QueryState } from '../components/query-state.js';
import { assetHref } from '../components/format.js';

/** Lineage: the whole graph left to right; click an asset to see its upstream and downstream. */
export function LineagePage() {
  const graph = useGraph();
  const [params, setParams] = useSearchParams();
  const focus = params.get('focus');
  const [select, setSelect] = useState(params.get('select') ?? '');
  const selection = useSelection(select);
  const layout = useGraphLayout();
  const near = useMemo(
    () => (graph.data && focus ? neighbourhood(graph.data, focus) : null),
    [graph.data, focus],
  );
  const highlight =
    select.trim() && selection.data && !selection.data.error ? new Set(selection.data.keys) : null;
  const choose = (key: string) => setParams(key === focus ? {} : { focus: key }, { replace: true });
  return (
    <section className="lineage-page">
      <h1>Lineage</h1>
      <div className="filters">
        <label>
          Highlight a selection
          <input
            value={select}
            placeholder="+marts/fct_activities"
            onChange={(e) => setSelect(e.target.value)}
          />
        </label>
        {selection.data?.error && select.trim() && <p className="error">{selection.data.error}</p>}
        <label>
          Focus asset
          <select
            value={focus ?? ''}
            onChange={(e) => (e.target.value ? choose(e.target.value) : setParams({}))}
          >
            <option value="">none</option>
            {graph.data?.nodes.map((n) => (
              <option key={n.key}>{n.key}</option>
            ))}
          </select>
        </label>
      </div>
      {focus && near && (
        <p className="focus-bar" aria-live="polite">
          <Link to={assetHref(focus)}>Open {focus}</Link> · {near.up.size} upstream · {near.down.size}{' '}
          downstream
        </p>
      )}
      <QueryState isLoading={graph.isLoading || layout.isLoading} error={graph.error ?? layout.error}>
        {graph.data && layout.data && (
          <LineageGraph
            graph={graph.data}
            layout={layout.data}
            near={near}
            focus={focus}
            highlight={highlight}
            onSelect={choose}
          />
        )}
      </QueryState>
    </section>
  );
}
