import type { AssetDefinition } from '@voyager/orchestration';
import { rawTableAsset } from '../raw-table-asset.js';
import { FILES_ACTIVITIES_TABLE, FILES_INBOX_LEDGER_TABLE } from './tables.js';

/** The upstream (extract) asset of the files load assets. */
export interface FilesLoadUpstream {
  /** `landing/files/activities`; without it the tables load whatever `voyager import` landed. */
  readonly activities?: AssetDefinition;
}

/**
 * The activity-file load assets (group `files`): `raw/files_activities` (device, sensors, lengths
 * per file activity) and `raw/files_inbox_ledger` (every file taken). The activities and streams
 * themselves load through `raw/strava_activities` and `raw/strava_activity_streams`.
 */
export function createFilesLoadAssets(upstream: FilesLoadUpstream): AssetDefinition[] {
  const deps = upstream.activities ? [upstream.activities] : [];
  return [
    rawTableAsset({
      table: FILES_ACTIVITIES_TABLE,
      group: 'files',
      description:
        'One row per activity of a device file (FIT/GPX/TCX): file, sport, device, sensor/length/developer-field counts; upserted by activity_id',
      deps,
    }),
    rawTableAsset({
      table: FILES_INBOX_LEDGER_TABLE,
      group: 'files',
      description:
        'One row per file the inbox took, by sha256: name, size, when, outcome (landed, export, skipped, quarantined, ignored) and reason',
      deps,
    }),
  ];
}
