import { seededRandom } from '../../strava/simulator/seeded-random.js';

/** First instant the synthetic person wears the watch (the Strava synthetic athlete's start). */
export const SYNTHETIC_HEART_RATE_START = Date.parse('2021-01-04T00:00:00Z');
/** Seconds between two samples (Fitbit's intraday heart rate is ~1-15 s apart). */
export const SYNTHETIC_SAMPLE_SECONDS = 5;
/** The watch the synthetic person wears, as a Google Health `DataSource.device`. */
export const SYNTHETIC_DEVICE = Object.freeze({
  formFactor: 'WATCH',
  manufacturer: 'Google',
  displayName: 'Pixel Watch 3',
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The synthetic person's heart rate in one UTC hour, deterministic (the same hour always gives
 * the same samples): asleep 23:00-06:00 UTC (50-60 bpm), awake 65-95 bpm, a workout 17:00-18:00
 * on even days (120-178 bpm). Hours before {@link SYNTHETIC_HEART_RATE_START} hold nothing, an
 * hour not yet complete at `now` only its past samples.
 * @returns samples as `[epoch ms, bpm]`, in time order.
 */
export function syntheticHourSamples(hourStart: number, now: number): [number, number][] {
  const start = Math.floor(hourStart / HOUR_MS) * HOUR_MS;
  if (start < SYNTHETIC_HEART_RATE_START) return [];
  const hour = new Date(start).getUTCHours();
  const day = Math.floor((start - SYNTHETIC_HEART_RATE_START) / DAY_MS);
  const asleep = hour >= 23 || hour < 6;
  const workout = hour === 17 && day % 2 === 0;
  const random = seededRandom(start / 1000);
  const base = asleep ? 52 : workout ? 120 : 68;
  const out: [number, number][] = [];
  let drift = 0;
  for (let at = start; at < start + HOUR_MS && at < now; at += SYNTHETIC_SAMPLE_SECONDS * 1000) {
    drift = Math.max(-6, Math.min(6, drift + (random() - 0.5) * 2));
    const minute = (at - start) / 60_000;
    const effort = workout ? 55 * Math.sin((Math.PI * minute) / 60) : asleep ? 0 : 20 * random() * random();
    out.push([at, Math.round(base + drift + effort)]);
  }
  return out;
}
