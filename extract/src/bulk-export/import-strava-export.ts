import { posix } from 'node:path';
import { LandingBatchWriter, type ImportSummary, type ObjectStore } from '@voyager/orchestration';
import type { Logger } from 'pino';
import { DATASETS } from '../strava/constants.js';
import { Quarantine } from '../strava/quarantine.js';
import { ActivityFileError, parseActivityFile } from './activity-files.js';
import { parseActivitiesCsv } from './activities-csv.js';
import { ExportArchiveError, type ExportArchive } from './export-archive.js';
import { toSummaryActivity } from './export-activity.js';
import { contentKey, EXPORT_PROVENANCE, readImportLedger } from './landed-ledger.js';

/** Most missing / bad file names listed in the summary metadata. */
const LISTED_FILES = 20;

/** Where an export is landed from and to. */
export interface ImportStravaExportOptions {
  /** The export's path or inbox name, for messages. */
  readonly path: string;
  readonly landing: ObjectStore;
  readonly runId: string;
  readonly log: Logger;
}

/**
 * Lands a Strava "Download your data" archive (`activities.csv` of any vintage plus the `.fit` /
 * `.gpx` / `.tcx` files, maybe `.gz`) into the landing datasets the API assets write:
 * `strava/activities` (converted, `_source: bulk_export`), `strava/export_activities` (raw rows)
 * and `strava/activity_streams` (`source: fit|gpx|tcx`). A newer export after an older one lands
 * only new or changed activities (compared with what the landing zone already holds); activities
 * already landed from the API are left to the API. Missing and corrupt files are reported and
 * skipped. The one implementation behind `voyager import strava-export` and the activity-file
 * inbox (`landing/files/activities`, `voyager import <path>`).
 * @throws ExportArchiveError when the archive has no activities.csv.
 */
export async function importStravaExport(
  archive: ExportArchive,
  options: ImportStravaExportOptions,
): Promise<ImportSummary> {
  const csvName = [...archive.names]
    .filter((n) => posix.basename(n) === 'activities.csv')
    .sort((a, b) => a.length - b.length)[0];
  if (!csvName)
    throw new ExportArchiveError(
      options.path,
      'no activities.csv in it (point at the unpacked export folder or its .zip)',
    );
  const base = posix.dirname(csvName) === '.' ? '' : `${posix.dirname(csvName)}/`;
  const csv = parseActivitiesCsv((await archive.read(csvName))!.toString('utf8'));
  const ledger = await readImportLedger(options.landing, {
    onBadLine: (bad) =>
      options.log.warn(bad, `skipped line ${bad.line} of landing object ${bad.key}: ${bad.reason}`),
  });
  const quarantine = new Quarantine(options.runId);
  const activities = new LandingBatchWriter(options.landing, {
    dataset: DATASETS.activities,
    runId: options.runId,
  });
  const rows = new LandingBatchWriter(options.landing, {
    dataset: DATASETS.exportActivities,
    runId: options.runId,
  });
  const streams = new LandingBatchWriter(options.landing, {
    dataset: DATASETS.activityStreams,
    runId: options.runId,
  });
  const counts = {
    read: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    rowsLanded: 0,
    filesParsed: 0,
    filesMissing: 0,
    filesBad: 0,
  };
  const missing: string[] = [];
  const bad: string[] = [];
  const landedActivities: unknown[] = [];
  const landedRows: unknown[] = [];
  let streamPart: unknown[] = [];
  const streamIds: number[] = [];
  for (const row of csv.rows) {
    counts.read++;
    const raw = { ...row, _export_file: csvName, _export_vintage: csv.vintage };
    const activity = toSummaryActivity(row);
    if (typeof activity === 'string') {
      quarantine.records.push({
        dataset: DATASETS.exportActivities,
        reason: activity,
        record: raw,
        run_id: options.runId,
        detected_at: new Date().toISOString(),
      });
      continue;
    }
    if (ledger.exportRows.get(activity.id) !== contentKey(raw, EXPORT_PROVENANCE)) landedRows.push(raw);
    const previous = ledger.activities.get(activity.id);
    if (!previous) counts.new++;
    else if (previous._source !== 'bulk_export' || contentKey(previous) === contentKey(activity))
      counts.unchanged++;
    else counts.updated++;
    if (!previous || (previous._source === 'bulk_export' && contentKey(previous) !== contentKey(activity)))
      landedActivities.push(activity);
    const file = typeof activity.external_file === 'string' ? activity.external_file : undefined;
    if (!file || ledger.streamIds.has(activity.id)) continue;
    const bytes = await archive.read(`${base}${file}`);
    if (!bytes) {
      counts.filesMissing++;
      if (missing.length < LISTED_FILES) missing.push(file);
      continue;
    }
    try {
      const parsed = await parseActivityFile(file, bytes);
      streamPart.push({
        activity_id: activity.id,
        synthetic: false,
        source: parsed.format,
        streams: parsed.streams,
      });
      streamIds.push(activity.id);
      counts.filesParsed++;
    } catch (error) {
      if (!(error instanceof ActivityFileError)) throw error;
      counts.filesBad++;
      if (bad.length < LISTED_FILES) bad.push(error.message);
      options.log.warn({ file }, error.message);
    }
    if (streamPart.length >= 25) {
      await streams.writePart(streamPart);
      streamPart = [];
    }
  }
  counts.rowsLanded = landedRows.length;
  await rows.writePart(landedRows);
  await rows.commit({ source: 'bulk_export', vintage: csv.vintage, file: csvName });
  await activities.writePart(landedActivities);
  await activities.commit({
    source: 'bulk_export',
    vintage: csv.vintage,
    new: counts.new,
    updated: counts.updated,
  });
  await streams.writePart(streamPart);
  await streams.commit({ source: 'bulk_export', activity_ids: streamIds });
  const quarantined = await quarantine.flush(options.landing, 'import/strava-export');
  options.log.info({ ...counts, quarantined }, 'strava export imported');
  return {
    lines: [
      `export: ${csvName} (${csv.vintage}, ${csv.columns.length} columns)`,
      `activities read: ${counts.read}`,
      `new: ${counts.new}`,
      `updated: ${counts.updated}`,
      `unchanged or already from the API: ${counts.unchanged}`,
      `rows quarantined: ${quarantined}`,
      `files parsed: ${counts.filesParsed}`,
      `files missing: ${counts.filesMissing}${missing.length ? ` (e.g. ${missing.slice(0, 3).join(', ')})` : ''}`,
      `files bad: ${counts.filesBad}${bad.length ? ` (${bad.slice(0, 3).join('; ')})` : ''}`,
    ],
    metadata: { ...counts, quarantined, vintage: csv.vintage, missing_files: missing, bad_files: bad },
  };
}
