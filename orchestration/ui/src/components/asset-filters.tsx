/** The catalog's filter values (also kept in the URL). */
export interface Filters {
  search: string;
  group: string;
  status: string;
  select: string;
}

const STATUSES = ['materialized', 'failed', 'running', 'skipped', 'canceled', 'never', 'stale'];

/** Search box, group and status menus and a CLI selection box, all labelled. */
export function AssetFilters(props: {
  filters: Filters;
  groups: readonly string[];
  selectionError: string | null;
  onChange(f: Filters): void;
}) {
  const { filters: f, onChange } = props;
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search
        <input type="search" value={f.search} onChange={(e) => onChange({ ...f, search: e.target.value })} />
      </label>
      <label>
        Group
        <select value={f.group} onChange={(e) => onChange({ ...f, group: e.target.value })}>
          <option value="">all</option>
          {props.groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={f.status} onChange={(e) => onChange({ ...f, status: e.target.value })}>
          <option value="">all</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Selection
        <input
          value={f.select}
          placeholder="+marts/fct_activities, group:strava"
          aria-describedby="selection-help"
          aria-invalid={props.selectionError !== null}
          onChange={(e) => onChange({ ...f, select: e.target.value })}
        />
      </label>
      <p id="selection-help" className={props.selectionError ? 'error' : 'muted'}>
        {props.selectionError ?? 'CLI syntax: key, group:NAME, +key (upstream), key+ (downstream), *'}
      </p>
    </form>
  );
}
