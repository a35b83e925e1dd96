import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@voyager/orchestration/testing';
import { LocalObjectStore, readLandingManifests } from '@voyager/orchestration';
import { readLandedBatch, takeInbox } from '@voyager/extract/testing';
import { createTakeoutInboxHandler } from '../src/heart-rate/takeout-inbox-handler.js';

// Google Takeout's Fitbit heart_rate-YYYY-MM-DD.json files dropped in the activity-file inbox (alone
// and inside a Takeout zip) land as hourly heart-rate samples, once; a file of that name that is
// not Takeout's JSON array is quarantined with the reason. Files our test writes in Takeout's shape.
const log = createLogger({ level: 'silent', pretty: false });
let work: string;

function zip(entries: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) z.addBuffer(bytes, name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** `count` entries every 5 s from `hh:00` UTC of 2024-03-05, bpm 60 + i % 50. */
const day = (hh: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    dateTime: `03/05/24 ${hh}:${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`,
    value: { bpm: 60 + (i % 50), confidence: 2 },
  }));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'voyager-takeout-inbox-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the inbox takes Google Takeout heart-rate files', () => {
  it('lands their samples by UTC hour once, and quarantines a file that is not a JSON array', async () => {
    const inboxDir = join(work, 'inbox');
    await mkdir(inboxDir, { recursive: true });
    const entries = [...day('10', 720), { dateTime: '03/05/24 10:30:02', value: { bpm: 'high' } }];
    await writeFile(join(inboxDir, 'heart_rate-2024-03-05.json'), JSON.stringify(entries));
    await writeFile(join(inboxDir, 'heart_rate-2024-03-07.json'), '{"not": "an array"}');
    await writeFile(
      join(inboxDir, 'takeout-20240310.zip'),
      await zip({
        'Takeout/Fitbit/Global Export Data/heart_rate-2024-03-06.json': Buffer.from(
          JSON.stringify(
            day('11', 24).map((e) => ({ ...e, dateTime: e.dateTime.replace('03/05', '03/06') })),
          ),
        ),
      }),
    );
    const landing = new LocalObjectStore(join(work, 'landing'));
    const inbox = new LocalObjectStore(inboxDir);
    const handlers = [createTakeoutInboxHandler()];
    const first = await takeInbox(inbox, { landing, runId: 't1', log, handlers });
    expect(first.ledger.map((l) => [l.name, l.outcome, l.reason]).sort()).toEqual([
      ['heart_rate-2024-03-05.json', 'handled', 'heart-rate-takeout: 720 samples, 1 entries to reject'],
      [
        'heart_rate-2024-03-07.json',
        'quarantined',
        'heart-rate-takeout: a Takeout heart_rate file must hold a JSON array',
      ],
      [
        'takeout-20240310.zip!Takeout/Fitbit/Global Export Data/heart_rate-2024-03-06.json',
        'handled',
        'heart-rate-takeout: 24 samples, 0 entries to reject',
      ],
      ['takeout-20240310.zip', 'archive', '1 entries'],
    ]);
    const hour10 = await readLandingManifests(landing, 'heart_rate/samples/hour=2024-03-05T10');
    expect(hour10).toHaveLength(1);
    const series: Record<string, unknown>[] = [];
    for await (const r of readLandedBatch(landing, hour10[0]!)) series.push(r as Record<string, unknown>);
    expect(
      series.map((s) => [s.source, (s.bpm as unknown[] | undefined)?.length, s.problem ?? null]),
    ).toEqual([
      ['fitbit_takeout', 720, null],
      [undefined, undefined, expect.stringContaining('heart_rate-2024-03-05.json line 721')],
    ]);
    expect(await readLandingManifests(landing, 'heart_rate/samples/hour=2024-03-06T11')).toHaveLength(1);
    // taken once: a second scan lands nothing new
    const second = await takeInbox(inbox, { landing, runId: 't2', log, handlers });
    expect(second.ledger).toEqual([]);
    expect(await readLandingManifests(landing, 'heart_rate/samples/hour=2024-03-05T10')).toHaveLength(1);
  });
});
