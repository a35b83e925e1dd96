import type { ProblemRow } from './fitabase-files.js';
import { parseTakeoutTime } from './fitbit-time.js';
import type { HeartRateSample } from './schemas.js';

/** Name of a Google Takeout Fitbit heart-rate file: one UTC day per file. */
export const TAKEOUT_HEART_RATE_FILE = /(^|\/)heart_rate-\d{4}-\d{2}-\d{2}\.json$/;

/**
 * Parses a Google Takeout Fitbit `heart_rate-YYYY-MM-DD.json` (in `Takeout/Fitbit/Global Export
 * Data/`): a JSON array of `{ "dateTime": "MM/DD/YY HH:mm:ss", "value": { "bpm": 62,
 * "confidence": 2 } }`, times in UTC. Samples get source `fitbit_takeout`, device `fitbit`; an
 * element without a readable time or bpm is a problem row (its index + 1 as the line).
 * @throws Error when the file is not a JSON array.
 */
export function parseTakeoutHeartRate(text: string): { samples: HeartRateSample[]; problems: ProblemRow[] } {
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json)) throw new Error('a Takeout heart_rate file must hold a JSON array');
  const samples: HeartRateSample[] = [];
  const problems: ProblemRow[] = [];
  json.forEach((e: unknown, i) => {
    const entry = (e ?? {}) as { dateTime?: unknown; value?: { bpm?: unknown } };
    const at = typeof entry.dateTime === 'string' ? parseTakeoutTime(entry.dateTime) : undefined;
    const bpm = entry.value?.bpm;
    if (at === undefined || typeof bpm !== 'number' || !Number.isFinite(bpm))
      problems.push({
        line: i + 1,
        reason:
          at === undefined
            ? `dateTime ${JSON.stringify(entry.dateTime)} is not MM/DD/YY HH:mm:ss`
            : `value.bpm ${JSON.stringify(bpm)} is not a number`,
        row: JSON.stringify(e),
      });
    else samples.push({ source: 'fitbit_takeout', device: 'fitbit', at, bpm });
  });
  return { samples, problems };
}
