import type { MartRows } from '@voyager/orchestration/ui-api';
import { num } from '../api/marts.js';
import { useActivityMart } from '../api/activities.js';
import { QueryState } from './query-state.js';

type Row = MartRows['rows'][number];

/** `1:08:45` from seconds. */
const hms = (s: number) =>
  `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** The fields a source record of fct_activity_sources carries: compared by value, shown with units. */
const FIELDS: ReadonlyArray<{ name: string; column: string; show: (r: Row) => string }> = [
  { name: 'Start', column: 'started_at', show: (r) => String(r.started_at ?? '') },
  {
    name: 'Elapsed time',
    column: 'elapsed_time_s',
    show: (r) => (r.elapsed_time_s === null ? '' : hms(num(r.elapsed_time_s))),
  },
  {
    name: 'Distance',
    column: 'distance_m',
    show: (r) => (r.distance_m === null ? '' : `${(num(r.distance_m) / 1000).toFixed(3)} km`),
  },
  { name: 'Name', column: 'activity_name', show: (r) => String(r.activity_name ?? '') },
];

const sourceName = (r: Row) => `${String(r.record_source)}${r.file_name ? ` (${String(r.file_name)})` : ''}`;

/**
 * Where an activity came from (marts.fct_activity_sources): each source record (API, bulk export,
 * device files) with its match rule, its values (those differing from the winning record marked),
 * then per differing field which source won and why, and which record's streams are drawn.
 */
export function ActivitySources({ activityId }: { activityId: string }) {
  const q = useActivityMart(activityId, 'sources');
  const rows = q.data?.rows ?? [];
  const canonical = rows.find((r) => r.is_canonical === true) ?? rows[0];
  const streams = rows.find((r) => r.wins_streams === true);
  const differing = canonical ? FIELDS.filter((f) => new Set(rows.map((r) => f.show(r))).size > 1) : [];
  return (
    <>
      <h2>Sources</h2>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {q.data && !q.data.available && (
          <p className="muted">Not built yet: materialize marts/fct_activity_sources.</p>
        )}
        {q.data?.available && rows.length === 0 && (
          <p className="muted">No source records for this activity in marts.fct_activity_sources.</p>
        )}
        {canonical && (
          <>
            <table className="data sources">
              <caption className="muted small">
                {rows.length} source record{rows.length === 1 ? '' : 's'} of this activity; ≠ marks a value
                that differs from the winning record&apos;s
              </caption>
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Match</th>
                  {FIELDS.map((f) => (
                    <th key={f.name}>{f.name}</th>
                  ))}
                  <th>Wins</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${String(r.record_source)}-${String(r.source_activity_id)}`}>
                    <td>{sourceName(r)}</td>
                    <td>
                      {String(r.match_rule)}
                      {num(r.start_offset_s) > 0 ? ` (${num(r.start_offset_s)} s apart)` : ''}
                    </td>
                    {FIELDS.map((f) => {
                      const differs = String(r[f.column]) !== String(canonical[f.column]);
                      return (
                        <td key={f.name} className={differs ? 'differs' : undefined}>
                          {differs && <span aria-label="differs">≠ </span>}
                          {f.show(r)}
                        </td>
                      );
                    })}
                    <td>
                      {[r.is_canonical === true && 'summary', r.wins_streams === true && 'streams']
                        .filter(Boolean)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="field-winners">
              {differing.map((f) => (
                <li key={f.name}>
                  <strong>{f.name}</strong> differs (
                  {rows.map((r) => `${String(r.record_source)}: ${f.show(r)}`).join('; ')}):{' '}
                  {String(canonical.record_source)} won —{' '}
                  {String(canonical.won_summary_because ?? 'the canonical record')}.
                </li>
              ))}
              {differing.length === 0 && rows.length > 1 && <li>No field differs between the sources.</li>}
              {streams && (
                <li>
                  <strong>Streams</strong>: {sourceName(streams)} won —{' '}
                  {String(streams.won_streams_because ?? '')}.
                </li>
              )}
            </ul>
            <p className="muted small">A wrong match is corrected in stg_files__match_overrides.</p>
          </>
        )}
      </QueryState>
    </>
  );
}
