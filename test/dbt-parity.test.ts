import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDbtProject } from '@voyager/orchestration/testing';
import { dbt, runDbtTool, transformationDir } from './real-dbt.js';
import { startStravaPipeline, type StravaPipeline } from './strava-pipeline.js';

// Parity: on the same landing data (the recorded Strava responses, landed and loaded by the real
// extract and load assets), the built-in runner and real dbt build identical relations. Each
// staging and marts relation is compared by row count and an order-independent hash of all rows.

interface Fingerprint {
  readonly relation: string;
  readonly rows: number;
  readonly hash: string;
}

describe.skipIf(!dbt.path)(
  `built-in runner and real dbt build the same relations ${dbt.skipReason ?? ''}`,
  () => {
    let pipeline: StravaPipeline;
    let relations: string[];
    let target: string;
    const fingerprints = async (): Promise<Fingerprint[]> => {
      const out: Fingerprint[] = [];
      for (const relation of relations) {
        const { rows } = await pipeline.runtime.warehouse.query<{ rows: number; hash: string | null }>(
          `select count(*)::int as rows, md5(string_agg(md5(t::text), '' order by md5(t::text))) as hash from ${relation} as t`,
        );
        out.push({ relation, rows: rows[0]!.rows, hash: rows[0]!.hash ?? 'empty' });
      }
      return out;
    };

    beforeAll(async () => {
      pipeline = await startStravaPipeline({ VOYAGER_DBT_RUNNER: 'builtin' });
      target = await mkdtemp(join(tmpdir(), 'voyager-dbt-parity-'));
      const project = await readDbtProject(transformationDir);
      // a model's relation is its alias when it has one (the sales star schema's dim_date...)
      relations = [...project.models.values()]
        .map((m) => `${m.schema}.${typeof m.config.alias === 'string' ? m.config.alias : m.name}`)
        .sort();
    }, 120_000);
    afterAll(async () => {
      await pipeline?.close();
      if (target) await rm(target, { recursive: true, force: true });
    });

    it('gives every staging and marts relation the same rows under both runners', async () => {
      const run = await pipeline.run();
      expect(run.outcomes.filter((o) => o.status !== 'success').map((o) => [o.assetKey, o.error])).toEqual(
        [],
      );
      const builtin = await fingerprints();

      const build = await runDbtTool(
        dbt.path!,
        ['build', '--full-refresh', '--profiles-dir', '.', '--target-path', target, '--log-path', target],
        pipeline.runtime.databaseUrl,
      );
      expect(build.code, build.output.slice(-4000)).toBe(0);
      const real = await fingerprints();

      const table = builtin.map((b, i) => ({
        relation: b.relation,
        rows: b.rows,
        equal: b.rows === real[i]!.rows && b.hash === real[i]!.hash,
      }));
      // the parity table of the closing note
      console.info(table.map((r) => `| ${r.relation} | ${r.rows} | ${r.equal ? 'yes' : 'NO'} |`).join('\n'));
      expect(real).toEqual(builtin);
      expect(builtin.find((f) => f.relation === 'marts.fct_activities')!.rows).toBe(1132);
      // no export and no device files here; the match overrides are empty until a person edits them
      // nor Fitabase files: the heart-rate samples are the Google Health simulator's last hour
      expect(builtin.filter((f) => f.rows === 0).map((f) => f.relation)).toEqual([
        'marts.fct_fitabase_daily_activity',
        'marts.fct_fitabase_sleep_days',
        'marts.fct_fitabase_weight_logs',
        'staging.stg_files__activities',
        'staging.stg_files__match_overrides',
        'staging.stg_heart_rate__fitabase_daily_activity',
        'staging.stg_heart_rate__fitabase_sleep_days',
        'staging.stg_heart_rate__fitabase_weight_logs',
        'staging.stg_strava__export_activities',
      ]);
    }, 600_000);
  },
);
