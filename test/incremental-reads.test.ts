import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  executeRun,
  modelRelation,
  readDbtProject,
  renderTemplate,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { DAILY_SELECTION } from '../bench/athlete-bench.js';
import { ACTIVITIES, POINTS, failures, openDailyRuns } from './daily-run-cost.js';
import { repoRoot } from './run-cli.js';

/** The incremental marts that read the stream points from `raw.strava_activity_streams` (through the staging view). */
const STREAM_READERS = ['fct_activity_stream_intervals', 'fct_heart_rate_zones', 'fct_hourly_max_heart_rate'];

interface PlanNode {
  readonly 'Relation Name'?: string;
  readonly Schema?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly Plans?: readonly PlanNode[];
}

/**
 * Rows the plan's scans of `schema.table` read: returned plus removed by a filter, per execution
 * of each scan (a scan run again for each row of a small outer side, over the same rows, counts
 * once: that is a test-sized plan; a scan of the whole history is one execution).
 */
function rowsRead(node: PlanNode, schema: string, table: string): number {
  const own =
    node['Relation Name'] === table && node.Schema === schema
      ? (node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, schema, table), 0);
}

/** Rows of `raw.strava_activity_streams` that `model`'s incremental build reads (EXPLAIN ANALYZE of its query). */
async function streamRowsRead(runtime: TestRuntime, model: string): Promise<number> {
  const project = await readDbtProject(join(repoRoot, 'transformation'));
  const found = project.models.get(model)!;
  const sql = renderTemplate(found.rawSql, found.path, {
    project,
    self: modelRelation(found, 'public'),
    isIncremental: true,
    env: runtime.env,
    targetSchema: 'public',
  });
  const client = await runtime.warehouse.connect();
  try {
    // the test's tables are small enough for a sequential scan to win; a real history is not, so
    // price sequential scans out as its size would (a plan that needs the whole table still reads it)
    await client.query('set enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, verbose, format json) ${sql.trim().replace(/;\s*$/, '')}`,
    );
    return rowsRead(rows[0]!['QUERY PLAN'][0].Plan, 'raw', 'strava_activity_streams');
  } finally {
    await client.query('reset enable_seqscan');
    client.release();
  }
}

// Issue 13 ("daily runs cost what is new") and issue 18 ("a daily run with one new activity
// touches only that activity's rows"): counted in rows the plans read, not timed. A scan of the
// whole streams table reads every point of the history (a seq scan's filter counts as read).
describe('a daily run with one new activity reads only its points from the streams', () => {
  it('each incremental stream mart reads at most a few times the new points, not the history', async () => {
    const runs = await openDailyRuns('builtin');
    try {
      expect(failures(await runs.daily())).toEqual([]);
      await runs.land(ACTIVITIES);
      const loads = DAILY_SELECTION.split(' ').filter((k) => k.startsWith('raw/'));
      const log = pino({ level: 'silent' });
      expect(
        failures(
          await executeRun({ definitions: defs, runtime: runs.runtime, log, selection: loads.join(' ') }),
        ),
      ).toEqual([]);
      const read: Record<string, number> = {};
      for (const model of STREAM_READERS) read[model] = await streamRowsRead(runs.runtime, model);
      // the history holds ACTIVITIES * POINTS points; the new activity POINTS
      // each reads the new activity's points (and, through an index, little else)
      expect(Object.entries(read).filter(([, n]) => n < POINTS || n > 3 * POINTS)).toEqual([]);
    } finally {
      await runs.close();
    }
  }, 300_000);
});
