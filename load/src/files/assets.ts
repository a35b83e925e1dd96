import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { openLoadTarget } from '../open-load-target.js';
import type { RawTable } from '../raw-table.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { FILES_ACTIVITIES_TABLE, FILES_INBOX_LEDGER_TABLE } from './tables.js';

/** The upstream (extract) asset of the files load assets. */
export interface FilesLoadUpstream {
  /** `landing/files/activities`; without it the tables load whatever `voyager import` landed. */
  readonly activities?: AssetDefinition;
}

function filesAsset(table: RawTable, description: string, deps: AssetDefinition[]): AssetDefinition {
  return asset({
    key: `raw/${table.table}`,
    group: 'files',
    description,
    image: 'load',
    deps,
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), table) };
    },
  });
}

/**
 * The activity-file load assets (group `files`): `raw/files_activities` (device, sensors, lengths
 * per file activity) and `raw/files_inbox_ledger` (every file taken). The activities and streams
 * themselves load through `raw/strava_activities` and `raw/strava_activity_streams`.
 */
export function createFilesLoadAssets(upstream: FilesLoadUpstream): AssetDefinition[] {
  const deps = upstream.activities ? [upstream.activities] : [];
  return [
    filesAsset(
      FILES_ACTIVITIES_TABLE,
      'One row per activity of a device file (FIT/GPX/TCX): file, sport, device, sensor/length/developer-field counts; upserted by activity_id',
      deps,
    ),
    filesAsset(
      FILES_INBOX_LEDGER_TABLE,
      'One row per file the inbox took, by sha256: name, size, when, outcome (landed, export, skipped, quarantined, ignored) and reason',
      deps,
    ),
  ];
}
