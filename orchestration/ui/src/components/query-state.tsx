import type { ReactNode } from 'react';

/** Loading and error states of a query, in one place. */
export function QueryState(props: { isLoading: boolean; error: Error | null; children: ReactNode }) {
  if (props.error)
    return (
      <p role="alert" className="error">
        {props.error.message}
      </p>
    );
  if (props.isLoading) return <p aria-busy="true">Loading…</p>;
  return <>{props.children}</>;
}
