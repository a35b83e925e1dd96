import { basename, extname } from 'node:path';
import { parseExcelLog } from './excel-log.js';
import { isHevyHeader, parseHevyCsv } from './hevy-csv.js';
import type { LiftingSet } from './schemas.js';
import { isStrongHeader, parseStrongCsv } from './strong-csv.js';
import { parseCsvTable } from './csv-table.js';

/** A file the lifting importer cannot read (unknown format): it is skipped and reported, never half-loaded. */
export class LiftingFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'LiftingFileError';
  }
}

/**
 * Weight unit of a Strong comma-layout export, which does not state it: `lbs` when the file name
 * has a `lb`/`lbs` token (`strong_lbs.csv`, `strong-lb.csv`), else `kg`.
 */
export function strongUnitFromName(file: string): 'kg' | 'lbs' {
  return /(^|[^a-z])lbs?([^a-z]|$)/i.test(basename(file)) ? 'lbs' : 'kg';
}

/**
 * Reads one lifting-log file into sets, by its content: a Strong CSV (any layout, English or
 * Chinese header), a Hevy CSV, or an Excel workbook (.xlsx).
 * @throws LiftingFileError for a file that is none of these (or a malformed CSV / workbook).
 */
export async function parseLiftingFile(path: string, bytes: Buffer): Promise<LiftingSet[]> {
  const file = basename(path);
  try {
    if (extname(file).toLowerCase() === '.xlsx') return await parseExcelLog(bytes, file);
    const text = bytes.toString('utf8');
    const { header } = parseCsvTable(text.slice(0, Math.max(text.indexOf('\n'), 0) || undefined));
    if (isHevyHeader(header)) return parseHevyCsv(text, file);
    if (isStrongHeader(header)) return parseStrongCsv(text, file, strongUnitFromName(file));
    throw new LiftingFileError(
      file,
      'not a Strong or Hevy CSV export nor an .xlsx workbook (unknown header)',
    );
  } catch (error) {
    if (error instanceof LiftingFileError) throw error;
    throw new LiftingFileError(file, error instanceof Error ? error.message : String(error));
  }
}
