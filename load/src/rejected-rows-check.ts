import { check, type AssetCheckDefinition } from '@voyager/orchestration';

/** Ratio above which the check warns (1 %). */
export const REJECTED_WARN_RATIO = 0.01;
/** Ratio above which the check fails and, being blocking, stops downstream (10 %). */
export const REJECTED_FAIL_RATIO = 0.1;
/** Rows of the rolling window the ratio is computed over: the table's newest landing objects holding at least this many. */
export const REJECTED_WINDOW_ROWS = 10_000;

/**
 * The `rejected_rows_ratio` check of a load asset: rejected / (loaded + rejected) rows over a
 * rolling window, the table's newest landing objects (from the load ledger) holding at least
 * {@link REJECTED_WINDOW_ROWS} rows, all of them when the table has fewer; so 2 bad rows in a run
 * of 8 do not block the marts when the table holds thousands. Passes at or below 1 %, warns
 * above, fails above 10 % (blocking). Without a window in the metadata (a target without a
 * ledger), the run's own rows are the base.
 */
export function rejectedRowsRatioCheck(): AssetCheckDefinition {
  return check({
    name: 'rejected_rows_ratio',
    description:
      "Share of landing rows sent to raw.rejected_rows over a rolling window (the table's newest landing objects holding at least 10,000 rows): warn above 1 %, fail above 10 %",
    blocking: true,
    async evaluate(ctx) {
      const m = ctx.materialization;
      const windowed = typeof m.window_rows === 'number' && typeof m.window_rejected_rows === 'number';
      const rows = Number((windowed ? m.window_rows : m.rows) ?? 0);
      const rejected = Number((windowed ? m.window_rejected_rows : m.rejected_rows) ?? 0);
      const total = rows + rejected;
      const ratio = total === 0 ? 0 : rejected / total;
      const metadata = {
        ratio,
        rejected_rows: rejected,
        rows_seen: total,
        base: windowed ? 'rolling window' : 'this run',
      };
      const percent = `${(ratio * 100).toFixed(2)} %`;
      if (ratio > REJECTED_FAIL_RATIO) {
        return {
          passed: false,
          severity: 'error',
          description: `${percent} of rows rejected (> 10 %)`,
          metadata,
        };
      }
      if (ratio > REJECTED_WARN_RATIO) {
        return {
          passed: false,
          severity: 'warn',
          description: `${percent} of rows rejected (> 1 %)`,
          metadata,
        };
      }
      return { passed: true, description: `${percent} of rows rejected`, metadata };
    },
  });
}
