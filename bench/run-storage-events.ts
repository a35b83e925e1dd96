/**
 * A generated run history for the run-storage benchmark: hourly runs of {@link EVENTS_PER_RUN}
 * events each, as a year of hourly `npm start`s writes (issue 13: ~110 events a run, ~1 M a year).
 * Each run: 60 unpartitioned assets (2% failed, 1% skipped, the rest materialized), 10 daily
 * assets materializing the run's day (so their partitions grow with history) and 40 check results.
 * Written set-based (`generate_series`), through the same insert trigger as every writer.
 */
import type { Pool } from 'pg';

/** Events each generated run records. */
export const EVENTS_PER_RUN = 110;
const UNPARTITIONED = 60;
const DAILY = 10;
/** Runs per insert statement (about 110,000 events). */
const RUNS_PER_BATCH = 1_000;

/** What {@link generateRunHistory} wrote in all (cumulative over calls on one database). */
export interface RunHistory {
  readonly runs: number;
  readonly events: number;
  /** Distinct (asset, partition) pairs with a non-check event: the rows `voyager status --json` reads. */
  readonly assetPartitions: number;
}

/**
 * Adds runs to `voyager.runs` and their events to `voyager.asset_events` until the store holds
 * `events` generated events (call again with a larger figure to grow it). Deterministic: the same
 * figure gives the same rows. Run ids `bench-<n>`, asset keys `bench/asset_NNN`, one run an hour
 * ending now.
 */
export async function generateRunHistory(pool: Pool, events: number): Promise<RunHistory> {
  const have = Number(
    (
      await pool.query<{ n: string }>(
        `select count(*) as n from voyager.asset_events where run_id like 'bench-%'`,
      )
    ).rows[0]?.n ?? 0,
  );
  const totalRuns = Math.ceil(events / EVENTS_PER_RUN);
  const firstNew = Math.floor(have / EVENTS_PER_RUN);
  for (let from = firstNew; from < totalRuns; from += RUNS_PER_BATCH) {
    const to = Math.min(totalRuns, from + RUNS_PER_BATCH) - 1;
    await pool.query(
      `insert into voyager.runs (run_id, status, selection, started_at, finished_at)
       select 'bench-' || r, 'success', '*', t, t + interval '5 minutes'
         from generate_series($1::int, $2::int) r,
              lateral (select timestamptz '2026-01-01' + r * interval '1 hour' as t) s
       on conflict (run_id) do nothing`,
      [from, to],
    );
    await pool.query(
      `insert into voyager.asset_events
         (run_id, asset_key, partition_key, event_type, check_name, status, metadata, started_at, finished_at, duration_ms)
       select 'bench-' || r,
              'bench/asset_' || lpad((case when i < ($4::int + $5::int) then i else i - $4::int - $5::int end)::text, 3, '0'),
              case when i >= $4::int and i < ($4::int + $5::int) then to_char(t, 'YYYY-MM-DD') else '' end,
              kind,
              case when kind = 'check' then 'rows_positive' end,
              case kind when 'failure' then 'failed' when 'skipped' then 'skipped'
                        when 'check' then case when (r + i) % 50 = 0 then 'failed' else 'success' end
                        else 'success' end,
              jsonb_build_object('rows', (r * 7919 + i * 104729) % 100000),
              t + i * interval '2 seconds', t + i * interval '2 seconds' + interval '1 second', 1000
         from generate_series($1::int, $2::int) r
        cross join generate_series(0, $6::int - 1) i
        cross join lateral (
              select timestamptz '2026-01-01' + r * interval '1 hour' as t,
                     case when i >= ($4::int + $5::int) then 'check'
                          when (r * 7 + i * 13) % 100 < 2 then 'failure'
                          when (r * 7 + i * 13) % 100 < 3 then 'skipped'
                          else 'materialization' end as kind
            ) s
        where r::bigint * $6::int + i < $3::bigint
          and r::bigint * $6::int + i >= $7::bigint
        order by r, i`,
      [from, to, events, UNPARTITIONED, DAILY, EVENTS_PER_RUN, have],
    );
  }
  const counts = await pool.query<{ runs: string; events: string; pairs: string }>(
    `select (select count(*) from voyager.runs where run_id like 'bench-%') as runs,
            (select count(*) from voyager.asset_events where run_id like 'bench-%') as events,
            (select count(*) from voyager.latest_asset_events where kind = 'step' and asset_key like 'bench/%') as pairs`,
  );
  const row = counts.rows[0]!;
  return { runs: Number(row.runs), events: Number(row.events), assetPartitions: Number(row.pairs) };
}
