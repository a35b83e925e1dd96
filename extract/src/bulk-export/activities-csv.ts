import { parse } from 'csv-parse/sync';

/** The raw rows of an `activities.csv`, with the header names made unique and the vintage named. */
export interface ExportCsv {
  /** Column names after disambiguation, in file order. */
  readonly columns: readonly string[];
  /** `legacy-10` for the old ten snake_case columns, else `<n>-columns` (87, 94, 99, 103, ...). */
  readonly vintage: string;
  readonly rows: readonly Record<string, string>[];
}

/**
 * Makes duplicate header names unique. Strava repeats `Elapsed Time`, `Distance`, `Max Heart Rate`,
 * `Relative Effort` and `Commute`: the first block is in display units (Distance in km), the
 * repeat in SI units. The second `Distance` becomes `Distance (m)`; any other repeat gets ` (2)`
 * (` (3)`, ...), e.g. `Elapsed Time (2)`.
 */
export function uniqueColumns(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw) => {
    const name = raw.replace(/^\uFEFF/, '').trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) return name;
    return name === 'Distance' && n === 2 ? 'Distance (m)' : `${name} (${n})`;
  });
}

/**
 * Parses `activities.csv` with csv-parse (quoted fields with commas, multi-line descriptions and
 * emoji are fine). Every value stays a string here; conversion is `toSummaryActivity`'s job.
 * @throws Error when the file has no header or no `Activity ID` / `id` column.
 */
export function parseActivitiesCsv(text: string): ExportCsv {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = records[0];
  if (!header) throw new Error('activities.csv is empty');
  const columns = uniqueColumns(header);
  if (!columns.includes('Activity ID') && !columns.includes('id'))
    throw new Error('activities.csv has neither an "Activity ID" nor an "id" column');
  const legacy = columns.includes('id') && !columns.includes('Activity ID');
  const rows = records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])));
  return { columns, vintage: legacy ? `legacy-${columns.length}` : `${columns.length}-columns`, rows };
}
