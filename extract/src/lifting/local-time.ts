import { UTCDate } from '@date-fns/utc';
import { format, isValid, parse } from 'date-fns';
import { de, enUS, es, fr, it, nl, ptBR } from 'date-fns/locale';
import type { Locale } from 'date-fns';

/**
 * Locales whose month names the lifting importers accept, English first. Hevy writes its dates in
 * the app's language (`"5 Mai 2026, 07:34"` in pt-BR: 7 of 12 month abbreviations differ from English).
 */
const LOCALES: readonly Locale[] = [enUS, ptBR, de, nl, es, fr, it];

/** Formats of the apps' date-time texts, as date-fns patterns (https://date-fns.org/docs/parse). */
const FORMATS = [
  'yyyy-MM-dd HH:mm:ss', // Strong
  'yyyy-MM-dd HH:mm',
  "yyyy-MM-dd'T'HH:mm:ss",
  'd MMM yyyy, HH:mm', // Hevy, day-month locales
  'd MMMM yyyy, HH:mm',
  'MMM d, yyyy, h:mm a', // Hevy, US locale
  'yyyy-MM-dd',
  'd MMMM yyyy', // a day header in a spreadsheet (`1 oktober 2024`)
  'd MMM yyyy',
] as const;

/** ISO 8601 local wall-clock text without offset, e.g. `2021-02-10T16:46:13`. */
export type LocalDateTime = string;

/**
 * Parses an app's date-time text as local wall-clock time (no zone: the apps export none), trying
 * every known format in every known locale (English, Portuguese, German, Dutch, Spanish, French,
 * Italian month names). Parsing happens in UTC so no daylight-saving gap of the machine's zone can
 * move the time. Returns `undefined` when nothing matches.
 */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  // every set repeats its workout's start: parse each text once
  if (PARSED.has(value)) return PARSED.get(value);
  if (PARSED.size >= PARSED_CACHE_SIZE) PARSED.clear();
  const parsed = parseUncached(value);
  PARSED.set(value, parsed);
  return parsed;
}

/** Most distinct texts {@link parseLocalDateTime} remembers. */
const PARSED_CACHE_SIZE = 10_000;
const PARSED = new Map<string, LocalDateTime | undefined>();

function parseUncached(value: string): LocalDateTime | undefined {
  const reference = new UTCDate(2000, 0, 1);
  for (const pattern of FORMATS) {
    for (const locale of LOCALES) {
      const date = parse(value, pattern, reference, { locale });
      if (isValid(date)) return format(date, "yyyy-MM-dd'T'HH:mm:ss");
      if (!pattern.includes('MMM') && !pattern.endsWith(' a')) break; // all digits: one locale suffices
    }
  }
  return undefined;
}

/** The local wall-clock text of an Excel date cell (exceljs reads it as a UTC `Date`). */
export function excelLocalDateTime(date: Date): LocalDateTime | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 19);
}

/**
 * Strong's `Duration` text in seconds: `2h 18m`, `1h`, `45m`, `30s`, and the Chinese export's
 * `1小时13分钟` / `49分钟` (小时 hours, 分钟 minutes, 秒 seconds). `undefined` when empty or unknown.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const units: Array<[RegExp, number]> = [
    [/(\d+(?:\.\d+)?)\s*(?:h|小时)/, 3600],
    [/(\d+(?:\.\d+)?)\s*(?:m(?!s)|分钟)/, 60],
    [/(\d+(?:\.\d+)?)\s*(?:s|秒)(?!\w)/, 1],
  ];
  let seconds = 0;
  let matched = false;
  for (const [pattern, factor] of units) {
    const m = pattern.exec(value);
    if (m) {
      seconds += Number(m[1]) * factor;
      matched = true;
    }
  }
  return matched ? seconds : undefined;
}
