import type { Point } from './hand-built-athlete.js';

/**
 * The training analytics computed straight from the definitions, in TypeScript, over the
 * hand-built streams: what the marts must hold. Each function states its formula's source.
 */

/** Pauses longer than this many seconds are not bridged (the models' `training_pause_gap_s`). */
export const PAUSE_GAP_S = 10;

interface Interval {
  readonly start: Point;
  readonly end: Point;
  readonly dt: number;
  readonly moving: boolean;
  /** Moving seconds before the interval. */
  readonly m: number;
}

/** Consecutive point pairs; moving when both points move and the gap is at most PAUSE_GAP_S. */
export function intervals(points: readonly Point[]): Interval[] {
  const out: Interval[] = [];
  let m = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i]!, points[i + 1]!];
    const dt = end.t - start.t;
    const moving = start.moving && end.moving && dt <= PAUSE_GAP_S;
    out.push({ start, end, dt, moving, m });
    if (moving) m += dt;
  }
  return out;
}

/** Banister TRIMP, men's constants: sum of minutes x HRr x 0.64 x exp(1.92 HRr) (Morton et al. 1990). */
export function trimp(points: readonly Point[], maxHr: number, restHr: number): number | null {
  let sum = 0;
  let any = false;
  for (const i of intervals(points)) {
    if (i.start.hr === null || i.dt <= 0 || i.dt > PAUSE_GAP_S) continue;
    any = true;
    const r = Math.min(Math.max((i.start.hr - restHr) / (maxHr - restHr), 0), 1);
    sum += (i.dt / 60) * r * 0.64 * Math.exp(1.92 * r);
  }
  return any ? sum : null;
}

/** Coggan's weighted ("normalized") power over moving time: 30-s rolling mean, 4th-power mean, 4th root. */
export function weightedPower(points: readonly Point[]): number | null {
  const moving = intervals(points).filter((i) => i.moving && i.dt > 0 && i.start.w !== null);
  let num = 0;
  let den = 0;
  for (const j of moving) {
    const window = moving.filter((k) => k.m <= j.m && k.m >= j.m - 29.999);
    const s = window.reduce((a, k) => a + k.dt, 0);
    if (s < 30) continue;
    const r = window.reduce((a, k) => a + k.start.w! * k.dt, 0) / s;
    num += r ** 4 * j.dt;
    den += j.dt;
  }
  return den > 0 ? (num / den) ** 0.25 : null;
}

/** Moving seconds of a stream. */
export function movingSeconds(points: readonly Point[]): number {
  return intervals(points)
    .filter((i) => i.moving && i.dt > 0)
    .reduce((a, i) => a + i.dt, 0);
}

/** TSS formula: moving_s x NP x IF / (FTP x 3600) x 100, IF = NP / FTP (Allen and Coggan 2010). */
export function powerLoad(points: readonly Point[], ftp: number): number | null {
  const np = weightedPower(points);
  return np === null ? null : ((movingSeconds(points) * np * (np / ftp)) / (ftp * 3600)) * 100;
}

/** Best average power and speed over `duration` moving seconds (windows start at points). */
export function meanMaximal(
  points: readonly Point[],
  duration: number,
): { power: number | null; speed: number | null } {
  const moving = intervals(points).filter((i) => i.moving && i.dt > 0);
  let power: number | null = null;
  let speed: number | null = null;
  for (const j of moving) {
    const window = moving.filter((k) => k.m >= j.m && k.m <= j.m + duration - 0.001);
    const s = window.reduce((a, k) => a + k.dt, 0);
    if (s < duration) continue;
    const metres = window.reduce((a, k) => a + ((k.end.d ?? 0) - (k.start.d ?? 0)), 0);
    speed = Math.max(speed ?? 0, metres / s);
    if (window.every((k) => k.start.w !== null)) {
      power = Math.max(power ?? 0, window.reduce((a, k) => a + k.start.w! * k.dt, 0) / s);
    }
  }
  return { power, speed };
}

/** Shortest elapsed time between two points at least `metres` apart (no interpolation). */
export function bestEffort(points: readonly Point[], metres: number): number | null {
  const withDistance = points.filter((p) => p.d !== null);
  let best: number | null = null;
  for (const end of withDistance) {
    const starts = withDistance.filter((p) => p.d! <= end.d! - metres);
    if (starts.length === 0) continue;
    const latest = Math.max(...starts.map((p) => p.t));
    best = Math.min(best ?? Infinity, end.t - latest);
  }
  return best;
}

/** Minetti et al. (2002) energy cost of running at gradient i, J/(kg m). */
export function minettiCost(i: number): number {
  return 155.4 * i ** 5 - 30.4 * i ** 4 - 43.3 * i ** 3 + 46.3 * i ** 2 + 19.5 * i + 3.6;
}

/** Moving distance weighted by C(gradient) / C(0). */
export function gradeAdjustedDistance(points: readonly Point[]): number {
  let sum = 0;
  for (const i of intervals(points)) {
    if (!i.moving || i.dt <= 0) continue;
    const dd = (i.end.d ?? 0) - (i.start.d ?? 0);
    const climb = i.start.alt === null || i.end.alt === null ? null : i.end.alt - i.start.alt;
    const g = dd > 0 && climb !== null ? Math.min(Math.max(climb / dd, -0.45), 0.45) : null;
    sum += g === null ? dd : (dd * minettiCost(g)) / minettiCost(0);
  }
  return sum;
}

/** CTL/ATL/TSB per day from daily loads (1 - exp(-1/tau) weights; Banister et al. 1975), from `first` to `last`. */
export function fitness(
  loads: ReadonlyMap<string, number>,
  first: string,
  last: string,
): Map<string, { ctl: number; atl: number; tsb: number }> {
  const out = new Map<string, { ctl: number; atl: number; tsb: number }>();
  let [ctl, atl] = [0, 0];
  for (
    let day = new Date(`${first}T00:00:00Z`);
    day <= new Date(`${last}T00:00:00Z`);
    day = new Date(day.getTime() + 86_400_000)
  ) {
    const key = day.toISOString().slice(0, 10);
    const load = loads.get(key) ?? 0;
    const tsb = ctl - atl;
    ctl += (load - ctl) * (1 - Math.exp(-1 / 42));
    atl += (load - atl) * (1 - Math.exp(-1 / 7));
    out.set(key, { ctl, atl, tsb });
  }
  return out;
}

/** Eddington history: for each number n, the first day by which n days had at least n units. */
export function eddingtonHistory(daily: ReadonlyMap<string, number>): Map<number, string> {
  const days = [...daily.keys()].sort();
  const reached = new Map<number, string>();
  for (let i = 0; i < days.length; i++) {
    const upTo = days.slice(0, i + 1).map((d) => daily.get(d)!);
    let e = 0;
    while (upTo.filter((x) => x >= e + 1).length >= e + 1) e++;
    for (let n = 1; n <= e; n++) if (!reached.has(n)) reached.set(n, days[i]!);
  }
  return reached;
}

/** The day `n` days after `day` (YYYY-MM-DD; negative: before). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Monday of the ISO week (Monday to Sunday) of a day, YYYY-MM-DD. */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** ISO 8601 week-numbering year of a day: the year of its week's Thursday. */
export function isoYearOf(day: string): number {
  return Number(addDays(mondayOf(day), 3).slice(0, 4));
}

/** One streak: first and last day (a week streak: its first Monday and last Sunday), length in days or weeks. */
export interface Streak {
  readonly start: string;
  readonly end: string;
  readonly length: number;
}

/** Runs of consecutive active days, or of consecutive active ISO weeks, from the active local days. */
export function streaks(days: Iterable<string>, unit: 'day' | 'week'): Streak[] {
  const step = unit === 'day' ? 1 : 7;
  const keys = [...new Set([...days].map((d) => (unit === 'day' ? d : mondayOf(d))))].sort();
  const runs: Array<{ first: string; last: string; length: number }> = [];
  for (const key of keys) {
    const run = runs.at(-1);
    if (run !== undefined && addDays(run.last, step) === key)
      runs.push({ ...runs.pop()!, last: key, length: run.length + 1 });
    else runs.push({ first: key, last: key, length: 1 });
  }
  return runs.map((r) => ({
    start: r.first,
    end: unit === 'day' ? r.last : addDays(r.last, 6),
    length: r.length,
  }));
}
