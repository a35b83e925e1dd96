import { parse } from 'csv-parse/sync';

/** A CSV file as header names and rows keyed by them, with each row's 1-based first line. */
export interface CsvTable {
  readonly delimiter: ',' | ';';
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<{ readonly line: number; readonly values: Readonly<Record<string, string>> }>;
}

/**
 * Parses an app's CSV export with csv-parse (RFC 4180 quoting, quoted newlines, a BOM, a missing
 * final newline). The delimiter is `;` when the header line has more `;` than `,` (Strong's older
 * layout), else `,`. `rename` maps header names (a localized header to English).
 * @throws Error from csv-parse naming the line of malformed quoting.
 */
export function parseCsvTable(text: string, rename: (name: string) => string = (n) => n): CsvTable {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => rename(h.trim()));
  let previousEnd = head?.info.lines ?? 1;
  const rows = body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = record[i] ?? ''));
    const line = previousEnd + 1; // info.lines is the row's last line: a quoted newline spans more
    previousEnd = info.lines;
    return { line, values };
  });
  return { delimiter, header, rows };
}
