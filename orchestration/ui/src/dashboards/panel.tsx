import type { ReactNode } from 'react';
import type { MartRows } from '@voyager/orchestration/ui-api';

/** A dashboard panel: title, the mart it reads, and a note when that mart is not built yet. */
export function Panel(props: {
  title: string;
  mart: string;
  data: MartRows | undefined;
  error: Error | null;
  children: (rows: MartRows['rows']) => ReactNode;
}) {
  const id = `panel-${props.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>{props.title}</h3>
      <p className="muted small">from {props.mart}</p>
      {props.error ? (
        <p className="error" role="alert">
          {props.error.message}
        </p>
      ) : !props.data ? (
        <p aria-busy="true">Loading…</p>
      ) : !props.data.available ? (
        <p className="muted">Not built yet: materialize {props.mart}.</p>
      ) : props.data.rows.length === 0 ? (
        <p className="muted">No rows yet.</p>
      ) : (
        props.children(props.data.rows)
      )}
    </section>
  );
}
