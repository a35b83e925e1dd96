/**
 * Partitions split an asset into independently materialized slices (the Dagster model).
 * Time windows are half-open `[start, end)` instants; keys are strings such as `2024-03-31`
 * (daily) or `2024-03-31T02:00` (hourly). Windows are computed in the definition's IANA
 * time zone (default `UTC`), so a daily window on a DST change day in `Europe/Paris` lasts 23 or
 * 25 hours. Hourly keys name local wall-clock hours: the hour skipped by a spring-forward has no
 * partition, and the hour repeated by a fall-back is one partition with a two-hour window.
 */
import { DateTime, IANAZone } from 'luxon';

/** The `[start, end)` window of one partition. */
export interface PartitionWindow {
  readonly start: Date;
  readonly end: Date;
}

/** One partition: its key and, for time partitions, its window. */
export interface Partition {
  readonly key: string;
  readonly window?: PartitionWindow;
}

/**
 * The partition a step materializes, as `ctx.partition` gives it: usually one partition (`keys`
 * is `[key]`). A step of several partitions (an asset with a `backfillPolicy` above 1, in a
 * catch-up or a `--from/--to` backfill) carries all of its `keys`, ascending and consecutive,
 * and a `window` from the first key's start to the last key's end (Dagster's
 * `partition_key_range` and `partition_time_window`); `key` stays the first key, so code written
 * for one partition runs the first one only: an asset with a policy above 1 must read `keys` or
 * `window`.
 */
export interface StepPartition extends Partition {
  /** Every partition key of the step, ascending; `[key]` for a step of one partition. */
  readonly keys: readonly string[];
}

/**
 * The {@link StepPartition} of `keys` (ascending, at least one) in `partitions`.
 * Throws {@link PartitionError} for a malformed or unknown key.
 */
export function stepPartition(partitions: PartitionsDefinition, keys: readonly string[]): StepPartition {
  const all = keys.map((k) => partitions.partition(k));
  const first = all[0];
  if (first === undefined) throw new PartitionError('a step needs at least one partition key', '');
  const last = all.at(-1)!;
  const window =
    first.window && last.window ? { start: first.window.start, end: last.window.end } : undefined;
  return { key: first.key, keys: all.map((p) => p.key), ...(window ? { window } : {}) };
}

/** Shared shape of every partitions definition. */
export interface PartitionsDefinition {
  readonly kind: 'daily' | 'hourly' | 'static';
  /** Every key from the first partition to the last complete one at `now` (static: all keys). */
  keys(now?: Date): string[];
  /**
   * The keys of a backfill range. Time partitions: the half-open range `[from, to)`, as Dagster's
   * time windows are (`2016-04-12T00`..`2016-04-13T00` is 24 hours): `from` must be a partition,
   * `to` is the first key not run and may lie one past the last partition. Static partitions have
   * no time: `from` and `to` are the first and last key run, both included.
   * Throws {@link PartitionError} for a malformed or unknown key, or `to` not after `from`.
   */
  keysBetween(from: string, to: string): string[];
  /**
   * The `to` that makes a range end with partition `lastKey`: the next partition's key for time
   * partitions (`2016-04-12T23:00` -> `2016-04-13T00:00`), `lastKey` itself for static ones.
   * Throws {@link PartitionError} for a malformed or unknown key.
   */
  exclusiveEnd(lastKey: string): string;
  /** The partition of `key` with its window. Throws {@link PartitionError} for a malformed key. */
  partition(key: string): Partition;
  /** JSON-serialisable description (for the Airflow compiler and `voyager list --json`). */
  toJSON(): Record<string, unknown>;
}

/** Thrown when a partition key is malformed or outside the definition. */
export class PartitionError extends Error {
  constructor(
    message: string,
    readonly partitionKey: string,
  ) {
    super(message);
    this.name = 'PartitionError';
  }
}

/** Options of {@link daily} and {@link hourly}. */
export interface TimeWindowPartitionsOptions {
  /** First partition, `YYYY-MM-DD` (daily) or `YYYY-MM-DD` / `YYYY-MM-DDTHH:00` (hourly). */
  readonly start: string;
  /** Last partition (inclusive); default: the last complete window at run time. */
  readonly end?: string;
  /** IANA time zone of the windows; default `UTC`. */
  readonly timezone?: string;
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  h: number;
}

/**
 * The UTC instant of local wall time `p` in `tz`, by Luxon: a wall time in a spring-forward gap
 * is shifted forward by the gap (the instant the clocks jumped to, so a skipped hour has an empty
 * window); an ambiguous one (fall-back) is taken at its earlier instant, so the repeated hour
 * belongs to one two-hour window. Luxon resolves ambiguity to the later instant
 * (https://moment.github.io/luxon/#/zones?id=ambiguous-times): step back by the offset change.
 */
function localToUtc(p: LocalParts, tz: string): Date {
  const later = DateTime.fromObject({ year: p.y, month: p.m, day: p.d, hour: p.h }, { zone: tz });
  const change = later.minus({ hours: 3 }).offset - later.offset;
  if (change > 0) {
    const earlier = later.minus({ minutes: change });
    if (earlier.hour === p.h && earlier.day === p.d) return earlier.toJSDate();
  }
  return later.toJSDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parseKey(key: string, hourly: boolean): LocalParts {
  // hourly keys may leave out the minutes (`2016-04-12T07`), as a backfill range is often typed
  const re = hourly ? /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::00)?)?$/ : /^(\d{4})-(\d{2})-(\d{2})$/;
  const m = re.exec(key);
  if (!m) {
    throw new PartitionError(
      `partition key "${key}" is not ${hourly ? 'YYYY-MM-DDTHH:00' : 'YYYY-MM-DD'}`,
      key,
    );
  }
  const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), h: Number(m[4] ?? 0) };
  const check = new Date(Date.UTC(parts.y, parts.m - 1, parts.d, parts.h));
  if (check.getUTCMonth() !== parts.m - 1 || check.getUTCDate() !== parts.d || parts.h > 23) {
    throw new PartitionError(`partition key "${key}" is not a real calendar ${hourly ? 'hour' : 'day'}`, key);
  }
  return parts;
}

function formatKey(p: LocalParts, hourly: boolean): string {
  const day = `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
  return hourly ? `${day}T${pad(p.h)}:00` : day;
}

/** Next local calendar slot: calendar arithmetic is done on a UTC date so month ends roll over. */
function nextLocal(p: LocalParts, hourly: boolean): LocalParts {
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d, p.h));
  if (hourly) t.setUTCHours(t.getUTCHours() + 1);
  else t.setUTCDate(t.getUTCDate() + 1);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: hourly ? t.getUTCHours() : 0,
  };
}

function localNow(now: Date, tz: string): LocalParts {
  const local = DateTime.fromJSDate(now, { zone: tz });
  return { y: local.year, m: local.month, d: local.day, h: local.hour };
}

function timeWindow(kind: 'daily' | 'hourly', options: TimeWindowPartitionsOptions): PartitionsDefinition {
  const hourly = kind === 'hourly';
  const tz = options.timezone ?? 'UTC';
  if (!IANAZone.isValidZone(tz)) throw new PartitionError(`unknown time zone "${tz}"`, options.start);
  const first = parseKey(options.start, hourly);
  const startKey = formatKey(first, hourly);
  const endKey = options.end === undefined ? undefined : formatKey(parseKey(options.end, hourly), hourly);

  const partition = (key: string): Partition => {
    const p = parseKey(key, hourly);
    const normalized = formatKey(p, hourly);
    if (normalized < startKey || (endKey !== undefined && normalized > endKey)) {
      throw new PartitionError(
        `partition key "${key}" is outside ${startKey}..${endKey ?? 'now'} of this ${kind} partitioning`,
        key,
      );
    }
    const window = windowOf(p);
    if (window.end.getTime() === window.start.getTime()) {
      throw new PartitionError(
        `partition key "${key}" is an hour that does not exist in ${tz} (clocks jump forward)`,
        key,
      );
    }
    return { key: normalized, window };
  };

  // the repeated hour of a fall-back day is one two-hour window; a skipped hour has an empty one
  const windowOf = (p: LocalParts): PartitionWindow => ({
    start: localToUtc(p, tz),
    end: localToUtc(nextLocal(p, hourly), tz),
  });

  const walk = (from: LocalParts, toKey: string): string[] => {
    const keys: string[] = [];
    for (let p = from; formatKey(p, hourly) <= toKey; p = nextLocal(p, hourly)) {
      const w = windowOf(p);
      if (w.end.getTime() > w.start.getTime()) keys.push(formatKey(p, hourly));
    }
    return keys;
  };

  return Object.freeze({
    kind,
    partition,
    keys(now: Date = new Date()): string[] {
      if (endKey !== undefined) return walk(first, endKey);
      // `now` lies in the current local slot, which is not complete (at its very start, the
      // previous one has just completed): the last complete slot is the one before it
      const current = localNow(now, tz);
      const t = new Date(Date.UTC(current.y, current.m - 1, current.d, hourly ? current.h : 0));
      if (hourly) t.setUTCHours(t.getUTCHours() - 1);
      else t.setUTCDate(t.getUTCDate() - 1);
      const last = {
        y: t.getUTCFullYear(),
        m: t.getUTCMonth() + 1,
        d: t.getUTCDate(),
        h: hourly ? t.getUTCHours() : 0,
      };
      return walk(first, formatKey(last, hourly));
    },
    keysBetween(from: string, to: string): string[] {
      const a = partition(from);
      // `to` is a bound, not a partition: it may be one past the end, or a skipped hour
      const b = formatKey(parseKey(to, hourly), hourly);
      if (b <= a.key) {
        throw new PartitionError(
          `--to ${b} must be after --from ${a.key} (the range is [from, to): --to is the first partition not run)`,
          to,
        );
      }
      const last = endKey !== undefined && endKey < b ? endKey : b;
      return walk(parseKey(a.key, hourly), last).filter((k) => k < b);
    },
    exclusiveEnd(lastKey: string): string {
      let p = nextLocal(parseKey(partition(lastKey).key, hourly), hourly);
      // the next wall-clock slot may not exist (spring forward): the end is the next that does
      for (let w = windowOf(p); w.end.getTime() === w.start.getTime(); w = windowOf(p))
        p = nextLocal(p, hourly);
      return formatKey(p, hourly);
    },
    toJSON: () => ({ kind, start: startKey, end: endKey ?? null, timezone: tz }),
  });
}

/**
 * Daily partitions: one per calendar day in `timezone` (default UTC), key `YYYY-MM-DD`.
 *
 * ### Examples
 * ```ts
 * const p = daily({ start: '2017-01-01' });
 * p.partition('2024-02-29').window; // { start: 2024-02-29T00:00Z, end: 2024-03-01T00:00Z }
 * ```
 */
export function daily(options: TimeWindowPartitionsOptions): PartitionsDefinition {
  return timeWindow('daily', options);
}

/** Hourly partitions, key `YYYY-MM-DDTHH:00` in `timezone` (default UTC); `YYYY-MM-DDTHH` is accepted for it. */
export function hourly(options: TimeWindowPartitionsOptions): PartitionsDefinition {
  return timeWindow('hourly', options);
}

/** A fixed list of partition keys (e.g. sport types); windows are undefined. */
export function staticPartitions(keys: readonly string[]): PartitionsDefinition {
  if (keys.length === 0) throw new PartitionError('static partitions need at least one key', '');
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw new PartitionError(`static partition key "${dup}" is listed twice`, dup);
  const list = [...keys];
  const partition = (key: string): Partition => {
    if (!list.includes(key)) {
      throw new PartitionError(`partition key "${key}" is not one of ${list.join(', ')}`, key);
    }
    return { key };
  };
  return Object.freeze({
    kind: 'static' as const,
    partition,
    keys: () => [...list],
    keysBetween(from: string, to: string): string[] {
      const i = list.indexOf(partition(from).key);
      const j = list.indexOf(partition(to).key);
      if (i > j) throw new PartitionError(`--from ${from} comes after --to ${to}`, from);
      return list.slice(i, j + 1);
    },
    exclusiveEnd: (lastKey: string): string => partition(lastKey).key,
    toJSON: () => ({ kind: 'static', keys: [...list] }),
  });
}
