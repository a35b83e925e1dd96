import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { InboxFileHandler, InboxHandlerContext } from '../files/inbox-handler.js';
import { importHeartRateFiles } from './import-heart-rate-files.js';
import { hourKey } from './series.js';
import { parseTakeoutHeartRate, TAKEOUT_HEART_RATE_FILE } from './takeout-file.js';

/**
 * The inbox's handler of Google Takeout Fitbit `heart_rate-YYYY-MM-DD.json` files (inside a
 * Takeout zip too): each file the inbox takes (once, by content) is parsed to say what it holds;
 * a file that is not Takeout's JSON is quarantined by the inbox with the reason. `flush` lands
 * every taken file at once, as `voyager import heart-rate` does (samples by UTC hour, unreadable
 * entries to `raw.rejected_rows`), and logs which hours landed. A run without `--partition`
 * (`npm start`) loads them in its second pass (`raw/heart_rate_samples`'s catch-up hook, asked
 * again after the run's steps succeeded), else the next such run, or the logged backfill
 * (`[from, to)`).
 */
export function createTakeoutInboxHandler(): InboxFileHandler {
  let taken: { name: string; bytes: Buffer }[] = [];
  return {
    name: 'heart-rate-takeout',
    matches: (name) => TAKEOUT_HEART_RATE_FILE.test(name.replace(/^.*!/, '')),
    async take(file) {
      let parsed;
      try {
        parsed = parseTakeoutHeartRate(file.bytes.toString('utf8'));
      } catch (error) {
        return { outcome: 'quarantined', reason: (error as Error).message };
      }
      taken.push({ name: file.name, bytes: file.bytes });
      return {
        outcome: 'handled',
        reason: `${parsed.samples.length} samples, ${parsed.problems.length} entries to reject`,
      };
    },
    async flush(ctx: InboxHandlerContext) {
      if (taken.length === 0) return;
      const files = taken;
      taken = [];
      const dir = await mkdtemp(join(tmpdir(), 'voyager-takeout-'));
      try {
        // one folder per file: two archives may hold the same day's file name
        const paths = await Promise.all(
          files.map(async (f, i) => {
            await mkdir(join(dir, String(i)));
            const path = join(dir, String(i), posix.basename(f.name.replace(/^.*!/, '')));
            await writeFile(path, f.bytes);
            return path;
          }),
        );
        const result = await importHeartRateFiles(paths, { ...ctx, runId: `${ctx.runId}-heart-rate` });
        const first = result.hours[0];
        const last = result.hours.at(-1);
        if (first !== undefined && last !== undefined)
          ctx.log.info(
            { files: files.length, samples: result.samples, hours: result.hours.length },
            `heart-rate Takeout files landed (${result.hours.length} hours, ${first}..${last}); a run without --partition (npm start) loads them, or: voyager materialize --select raw/heart_rate_samples+ --from ${first} --to ${hourKey(Date.parse(`${last}Z`) + 3_600_000)}`,
          );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
