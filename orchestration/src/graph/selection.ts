import { GraphError } from './graph-error.js';

/** One parsed selection term. `upstream` / `downstream` are depths (0 = none, Infinity = all). */
export interface SelectionTerm {
  readonly kind: 'all' | 'key' | 'group';
  readonly value: string;
  readonly upstream: number;
  readonly downstream: number;
}

/**
 * Parses an asset selection, dbt- and Dagster-style. Terms are separated by commas or spaces
 * and unioned:
 * - `*`: every asset;
 * - `landing/strava/activities`: that asset;
 * - `group:strava`: every asset of the group;
 * - `+key` / `key+`: with all upstream / downstream assets (`2+key`, `key+1`: limited depth,
 *   as in dbt; `*key` / `key*`: Dagster's spelling of "all").
 *
 * @throws GraphError for an empty selection or a malformed term.
 */
export function parseSelection(selection: string): SelectionTerm[] {
  const raw = selection.split(/[\s,]+/).filter((t) => t.length > 0);
  if (raw.length === 0) throw new GraphError('empty selection', []);
  return raw.map((term) => {
    if (term === '*') return { kind: 'all', value: '*', upstream: 0, downstream: 0 };
    const m = /^(?:(\d*)\+|(\*))?([^+*]+)(?:\+(\d*)|(\*))?$/.exec(term);
    if (!m) throw new GraphError(`cannot parse selection term "${term}"`, []);
    const depth = (plus: string | undefined, star: string | undefined, present: boolean): number => {
      if (star !== undefined) return Infinity;
      if (!present) return 0;
      return plus === '' || plus === undefined ? Infinity : Number(plus);
    };
    const up = depth(m[1], m[2], m[1] !== undefined || m[2] !== undefined);
    const down = depth(m[4], m[5], m[4] !== undefined || m[5] !== undefined);
    const body = m[3]!;
    if (body.startsWith('group:')) {
      return { kind: 'group', value: body.slice('group:'.length), upstream: up, downstream: down };
    }
    return { kind: 'key', value: body, upstream: up, downstream: down };
  });
}
