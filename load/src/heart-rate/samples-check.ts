import { check, type AssetCheckDefinition } from '@voyager/orchestration';

/** Plausible heart rate, in bpm: a sample outside fails the check. */
export const HEART_RATE_MIN_BPM = 30;
export const HEART_RATE_MAX_BPM = 240;
/** Fewest samples a series may hold in an hour where it has any (Fitbit records every 1-15 s). */
export const HEART_RATE_MIN_SAMPLES_PER_HOUR = 12;

/**
 * `samples_plausible`, evaluated per hourly partition on `raw.heart_rate_samples`: every sample
 * of the hour within 30-240 bpm, and each series of the hour (source, device) with at least 12
 * samples. An hour without samples passes (the watch was off). Not blocking: the marts still
 * build, and the staging model drops out-of-range samples.
 */
export function heartRateSamplesCheck(): AssetCheckDefinition {
  return check({
    name: 'samples_plausible',
    description: `Samples of the hour within ${HEART_RATE_MIN_BPM}-${HEART_RATE_MAX_BPM} bpm, and at least ${HEART_RATE_MIN_SAMPLES_PER_HOUR} per series in an hour where it has any`,
    async evaluate(ctx) {
      const window = ctx.partition?.window;
      if (!window) return { passed: true, description: 'not a partitioned run' };
      const res = await ctx.warehouse.query<{ series_id: string; n: string; out_of_range: string }>(
        `select series_id, count(*) as n, count(*) filter (where bpm < $3 or bpm > $4) as out_of_range
           from raw.heart_rate_samples where sampled_at >= $1 and sampled_at < $2 group by series_id`,
        [window.start, window.end, HEART_RATE_MIN_BPM, HEART_RATE_MAX_BPM],
      );
      const samples = res.rows.reduce((n, r) => n + Number(r.n), 0);
      const outOfRange = res.rows.reduce((n, r) => n + Number(r.out_of_range), 0);
      const sparse = res.rows
        .filter((r) => Number(r.n) < HEART_RATE_MIN_SAMPLES_PER_HOUR)
        .map((r) => r.series_id);
      const metadata = { samples, series: res.rows.length, out_of_range: outOfRange, sparse_series: sparse };
      const problems = [
        ...(outOfRange > 0
          ? [`${outOfRange} samples outside ${HEART_RATE_MIN_BPM}-${HEART_RATE_MAX_BPM} bpm`]
          : []),
        ...(sparse.length > 0
          ? [`${sparse.length} series with fewer than ${HEART_RATE_MIN_SAMPLES_PER_HOUR} samples`]
          : []),
      ];
      return problems.length > 0
        ? { passed: false, severity: 'warn', description: problems.join('; '), metadata }
        : { passed: true, description: `${samples} samples in ${res.rows.length} series`, metadata };
    },
  });
}
