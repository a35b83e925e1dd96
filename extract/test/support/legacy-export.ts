import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { sharedData } from '@voyager/orchestration/testing';

/**
 * The activities.csv of an old (2013-era) export in the ten snake_case columns, written by us: one
 * quoted multi-line description with an emoji (the real CSVs hold none), one row whose file is
 * absent and one row without a valid id.
 */
export const LEGACY_ACTIVITIES_CSV = `id,date,name,type,description,elapsed_time,distance,commute,gear,filename
1001,2013-06-11T14:34:09Z,Morning Run,Run,"Easy loop, ""quoted"", with a comma
and a second line 🏃",57,157.6,false,Old shoes,activities/1001.fit.gz
1002,2013-06-12T16:10:15Z,Bike to work,Ride,,65,450.2,true,,activities/1002.tcx
1003,2013-06-13T07:00:00Z,Route walk,Walk,,3600,9800,false,,activities/1003.gpx
1004,2013-06-14T07:00:00Z,Phone recording,Run,,1800,5000,false,,activities/1004.fit
1005,2013-06-15T07:00:00Z,Lost file,Run,,1800,5000,false,,activities/1005.gpx
not-an-id,2013-06-16T07:00:00Z,Broken row,Run,,1,1,false,,
`;

/**
 * Writes `legacy-export.zip` into `dir`: {@link LEGACY_ACTIVITIES_CSV} as `export_12345/activities.csv`
 * plus real sample files from the shared data renamed as the rows' files: a Garmin FIT (gzipped),
 * a Garmin TCX, a Strava route GPX (no times) and a truncated FIT from the Strava app (the corrupt
 * file). `1005.gpx` is deliberately absent. Built at test time because the samples are other
 * people's data and never enter the repository.
 * @returns the zip's path.
 */
export async function writeLegacyExportZip(dir: string): Promise<string> {
  const samples = sharedData('strava-bulk-export/activity-file-samples');
  const zip = new yazl.ZipFile();
  const add = (name: string, data: Buffer) => zip.addBuffer(data, `export_12345/${name}`);
  add('activities.csv', Buffer.from(LEGACY_ACTIVITIES_CSV));
  add('activities/1001.fit.gz', gzipSync(await readFile(join(samples, 'garmin-fenix-5-run.fit'))));
  add('activities/1002.tcx', await readFile(sharedData('strava-api-v3/files/17611540601.tcx')));
  add(
    'activities/1003.gpx',
    await readFile(sharedData('strava-api-v3/responses/client__export_route_gpx.gpx')),
  );
  add('activities/1004.fit', await readFile(join(samples, 'strava-android-app-201.10-b1218918.fit')));
  const path = join(dir, 'legacy-export.zip');
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  zip.end();
  await finished(out);
  return path;
}
