import { describe, expect, it } from 'vitest';
import { daily, hourly, PartitionError, staticPartitions } from '@voyager/orchestration';

const hours = (w: { start: Date; end: Date } | undefined) =>
  (w!.end.getTime() - w!.start.getTime()) / 3_600_000;

describe('daily partitions', () => {
  it('gives UTC [start, end) windows that roll over month ends and leap days', () => {
    const p = daily({ start: '2024-01-01' });
    expect(p.partition('2024-01-31').window).toEqual({
      start: new Date('2024-01-31T00:00:00Z'),
      end: new Date('2024-02-01T00:00:00Z'),
    });
    expect(p.partition('2024-02-29').window!.end).toEqual(new Date('2024-03-01T00:00:00Z'));
    // a range is half-open, [from, to), as Dagster's time windows are: --to is not run
    expect(p.keysBetween('2024-02-27', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(p.keysBetween('2024-12-30', '2025-01-01')).toEqual(['2024-12-30', '2024-12-31']);
    expect(p.exclusiveEnd('2024-02-29')).toBe('2024-03-01');
  });

  it('has 23- and 25-hour days across DST in a local time zone', () => {
    const p = daily({ start: '2024-01-01', timezone: 'Europe/Paris' });
    expect(hours(p.partition('2024-03-31').window)).toBe(23);
    expect(hours(p.partition('2024-10-27').window)).toBe(25);
    expect(hours(p.partition('2024-06-15').window)).toBe(24);
    expect(p.partition('2024-03-31').window!.start).toEqual(new Date('2024-03-30T23:00:00Z'));
    expect(p.partition('2024-10-27').window!.end).toEqual(new Date('2024-10-27T23:00:00Z'));
  });

  it('lists keys up to the last complete hour in a local zone, skipping a spring-forward gap', () => {
    const ny = hourly({ start: '2024-03-10T00:00', timezone: 'America/New_York' });
    // 07:30Z = 03:30 EDT: 03:00 is not complete yet, 02:00 does not exist, so the last key is 01:00
    expect(ny.keys(new Date('2024-03-10T07:30:00Z')).at(-1)).toBe('2024-03-10T01:00');
    expect(ny.keys(new Date('2024-03-10T08:00:00Z')).at(-1)).toBe('2024-03-10T03:00');
  });

  it('lists keys up to the last complete day only', () => {
    const p = daily({ start: '2026-11-18' });
    expect(p.keys(new Date('2026-11-21T10:00:00Z'))).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(p.keys(new Date('2026-11-21T00:00:00Z'))).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
  });

  it('rejects malformed, impossible and out-of-range keys with the key in the error', () => {
    const p = daily({ start: '2024-01-01', end: '2024-12-31' });
    expect(() => p.partition('2024-02-30')).toThrow(/"2024-02-30" is not a real calendar day/);
    expect(() => p.partition('2024/01/05')).toThrow(PartitionError);
    expect(() => p.partition('2023-12-31')).toThrow(/outside 2024-01-01\.\.2024-12-31/);
    expect(() => p.keysBetween('2024-03-02', '2024-03-01')).toThrow(
      /^--to 2024-03-01 must be after --from 2024-03-02 \(the range is \[from, to\): --to is the first partition not run\)$/,
    );
    expect(() => p.keysBetween('2024-03-02', '2024-03-02')).toThrow(/--to 2024-03-02 must be after --from/);
    // the end of a range may be one past the last partition of the definition
    expect(p.keysBetween('2024-12-30', '2025-01-01')).toEqual(['2024-12-30', '2024-12-31']);
    expect(() => p.keysBetween('2024-12-30', '2025-13-01')).toThrow(/not a real calendar day/);
    expect(() => daily({ start: '2024-01-01', timezone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
  });
});

describe('hourly partitions', () => {
  it('backfills [from, to): a day from T00 to the next T00 is 24 partitions, two days 48', () => {
    const p = hourly({ start: '2016-03-01T00:00' });
    const day = p.keysBetween('2016-04-12T00', '2016-04-13T00');
    expect(day).toHaveLength(24);
    expect([day[0], day.at(-1)]).toEqual(['2016-04-12T00:00', '2016-04-12T23:00']);
    const twoDays = p.keysBetween('2016-04-12T00', '2016-04-14T00:00');
    expect(twoDays).toHaveLength(48);
    expect(twoDays.at(-1)).toBe('2016-04-13T23:00');
    expect(() => p.keysBetween('2016-04-13T00', '2016-04-12T00')).toThrow(
      /^--to 2016-04-12T00:00 must be after --from 2016-04-13T00:00/,
    );
    expect(p.exclusiveEnd('2016-04-12T23:00')).toBe('2016-04-13T00:00');
    expect(p.keysBetween('2016-04-12T00', p.exclusiveEnd('2016-04-12T23'))).toEqual(day);
  });

  it('skips the missing hour on spring-forward and keeps windows one hour long in UTC', () => {
    const utc = hourly({ start: '2024-03-10T00:00' });
    expect(utc.keysBetween('2024-03-31T22:00', '2024-04-01T02:00')).toEqual([
      '2024-03-31T22:00',
      '2024-03-31T23:00',
      '2024-04-01T00:00',
      '2024-04-01T01:00',
    ]);
    const ny = hourly({ start: '2024-03-10T00:00', timezone: 'America/New_York' });
    // 02:00 does not exist on 2024-03-10 in New York: the 01:00 window ends at 03:00 local = 07:00Z
    expect(ny.partition('2024-03-10T01:00').window).toEqual({
      start: new Date('2024-03-10T06:00:00Z'),
      end: new Date('2024-03-10T07:00:00Z'),
    });
    expect(ny.partition('2024-03-10T03:00').window!.start).toEqual(new Date('2024-03-10T07:00:00Z'));
    // the skipped hour has no partition: listing skips it, naming it fails
    expect(ny.keysBetween('2024-03-10T00:00', '2024-03-10T04:00')).toEqual([
      '2024-03-10T00:00',
      '2024-03-10T01:00',
      '2024-03-10T03:00',
    ]);
    // the skipped hour may end a range: it is a bound, not a partition
    expect(ny.keysBetween('2024-03-10T00:00', '2024-03-10T02:00')).toEqual([
      '2024-03-10T00:00',
      '2024-03-10T01:00',
    ]);
    expect(ny.exclusiveEnd('2024-03-10T01:00')).toBe('2024-03-10T03:00');
    expect(() => ny.partition('2024-03-10T02:00')).toThrow(/does not exist in America\/New_York/);
    // the repeated fall-back hour is one partition lasting two hours
    expect(hours(ny.partition('2024-11-03T01:00').window)).toBe(2);
    expect(ny.keysBetween('2024-11-03T00:00', '2024-11-03T03:00')).toHaveLength(3);
  });

  it('handles a midnight that does not exist and a half-hour DST change', () => {
    // Santiago skips 00:00-01:00 on 2024-09-08: that day starts at 01:00 -03 = 04:00Z and lasts 23 h
    const santiago = daily({ start: '2024-09-01', timezone: 'America/Santiago' });
    expect(santiago.partition('2024-09-08').window).toEqual({
      start: new Date('2024-09-08T04:00:00Z'),
      end: new Date('2024-09-09T03:00:00Z'),
    });
    expect(hours(santiago.partition('2024-09-07').window)).toBe(24);
    // Lord Howe Island falls back by 30 minutes (02:00 +11 -> 01:30 +10:30) on 2024-04-07
    const lordHowe = hourly({ start: '2024-04-01T00:00', timezone: 'Australia/Lord_Howe' });
    expect(lordHowe.partition('2024-04-07T01:00').window).toEqual({
      start: new Date('2024-04-06T14:00:00Z'),
      end: new Date('2024-04-06T15:30:00Z'),
    });
  });
});

describe('static partitions', () => {
  it('keeps the declared order and rejects unknown or duplicate keys', () => {
    const p = staticPartitions(['run', 'ride', 'swim']);
    // static keys have no time: a range names its first and last key, both run
    expect(p.keysBetween('run', 'ride')).toEqual(['run', 'ride']);
    expect(p.exclusiveEnd('ride')).toBe('ride');
    expect(p.partition('swim').window).toBeUndefined();
    expect(() => p.partition('ski')).toThrow(/"ski" is not one of run, ride, swim/);
    expect(() => staticPartitions(['a', 'a'])).toThrow(/listed twice/);
  });
});
