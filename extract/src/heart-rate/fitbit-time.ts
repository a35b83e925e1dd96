/**
 * Fitbit's export timestamps, read as UTC instants (epoch ms), or `undefined` when malformed:
 * - Fitabase CSV: `4/12/2016 7:54:05 AM` (`M/D/YYYY h:mm:ss AM|PM`) and dates `4/12/2016`. The
 *   export holds the tracker's local wall-clock time without a zone; Voyager reads it as UTC
 *   (the dataset does not say where its people lived).
 * - Google Takeout `heart_rate-YYYY-MM-DD.json`: `04/12/16 07:54:05` (`MM/DD/YY HH:mm:ss`, UTC).
 */
export function parseFitabaseTime(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}):(\d{2}) ([AP]M))?$/.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[4] ?? 0);
  if (m[7] !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[7] === 'PM' ? 12 : 0);
  }
  return utc(Number(m[3]), Number(m[1]), Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** A Takeout `dateTime` (`MM/DD/YY HH:mm:ss`, UTC; years 2000-2099) as epoch ms. */
export function parseTakeoutTime(text: string): number | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return utc(2000 + Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return t;
}

/** `YYYY-MM-DD` of an epoch ms. */
export const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);
