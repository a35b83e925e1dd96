import type { RunResult } from '../../executor/executor.js';

/**
 * The line after the summary table: what to do next. After a success, where to look at the data;
 * after a failure, how to read the failed step's log lines.
 */
export function nextSteps(result: RunResult): string {
  const failed = result.outcomes.find((o) => o.status === 'failed');
  if (failed !== undefined) {
    return `next: npx voyager logs ${result.runId} --step ${failed.assetKey}  (why it failed), then npm start again to re-run`;
  }
  return 'next: npx voyager status (what is where)  ·  npx voyager sql "select ..." (ask the warehouse)  ·  npx voyager ui (browse it)';
}
