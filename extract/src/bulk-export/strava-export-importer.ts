import type { ImporterDefinition } from '@voyager/orchestration';
import { openExportArchive } from './export-archive.js';
import { importStravaExport } from './import-strava-export.js';

/**
 * `voyager import strava-export <folder-or-zip>`: Strava's "Download your data" archive into the
 * landing zone, by {@link importStravaExport} (the same code the activity-file inbox and
 * `voyager import <path>` use for an export they find). Importing a newer export after an older
 * one lands only new or changed activities.
 */
export const stravaExportImporter: ImporterDefinition = {
  name: 'strava-export',
  description: "Import Strava's bulk export (folder or .zip): activities.csv and the activity files",
  async run(ctx) {
    const archive = await openExportArchive(ctx.path);
    try {
      return await importStravaExport(archive, ctx);
    } finally {
      await archive.close();
    }
  },
};
