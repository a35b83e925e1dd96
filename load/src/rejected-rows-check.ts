import { check, type AssetCheckDefinition } from '@voyager/orchestration';

/** Ratio above which the check warns (1 %). */
export const REJECTED_WARN_RATIO = 0.01;
/** Ratio above which the check fails and, being blocking, stops downstream (10 %). */
export const REJECTED_FAIL_RATIO = 0.1;

/**
 * The `rejected_rows_ratio` check of a load asset: rejected / (merged + rejected) rows of the
 * materialization it follows. Passes at or below 1 %, warns above, fails above 10 % (blocking).
 * A materialization that loaded nothing (every object already in the ledger) passes.
 */
export function rejectedRowsRatioCheck(): AssetCheckDefinition {
  return check({
    name: 'rejected_rows_ratio',
    description: 'Share of landing rows sent to raw.rejected_rows: warn above 1 %, fail above 10 %',
    blocking: true,
    async evaluate(ctx) {
      const rows = Number(ctx.materialization.rows ?? 0);
      const rejected = Number(ctx.materialization.rejected_rows ?? 0);
      const total = rows + rejected;
      const ratio = total === 0 ? 0 : rejected / total;
      const metadata = { ratio, rejected_rows: rejected, rows_seen: total };
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
