import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  runAssetOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { generateSampleStrongCsv } from '@voyager/extract/testing';
import { liftingSets } from '@voyager/extract';
import { createLiftingLoadAssets } from '@voyager/load';

// The inbox asset `npm start` runs: an empty default inbox gets the generated sample log; only
// new or changed files land; a file no parser reads is quarantined; raw/lifting_sets loads it all.
let runtime: TestRuntime;
let inbox: string;
const [rawSets] = createLiftingLoadAssets({ sets: liftingSets });

async function run(asset = liftingSets) {
  const outcome = await runAssetOnce(runtime, asset!);
  expect(outcome.status, outcome.error).toBe('success');
  return outcome.metadata;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_LIFTING_INBOX: '' } });
  inbox = join(runtime.home, 'inbox', 'lifting');
});
afterAll(async () => {
  await runtime?.close();
});

describe('landing/lifting/sets: the inbox', () => {
  it('fills an empty default inbox with the generated sample log and lands its 300 sets', async () => {
    expect(await run()).toMatchObject({ files: 1, files_landed: 1, sets: 300, quarantined: 0 });
    expect(await readFile(join(inbox, 'strong-sample.csv'), 'utf8')).toBe(generateSampleStrongCsv());
    expect(await run(rawSets)).toMatchObject({ rows: 300, rejected_rows: 0 });
  });

  it('lands nothing again for unchanged files, only a new one; quarantines a file it cannot read', async () => {
    expect(await run()).toMatchObject({ files: 1, files_landed: 0, sets: 0 });
    await copyFile(sharedData('weightlifting/hevy_mouadja02.csv'), join(inbox, 'hevy.csv'));
    await writeFile(join(inbox, 'notes.csv'), 'shopping,list\nmilk,2\n');
    expect(await run()).toMatchObject({ files: 3, files_landed: 2, sets: 330, quarantined: 1 });
    const quarantined = await runtime.landing.list('quarantine/lifting/');
    expect(quarantined.map((o) => o.key.split('/').pop())).toEqual(['notes.csv']);
    expect(await run(rawSets)).toMatchObject({ rows: 330, rejected_rows: 0 });
    const { rows } = await runtime.warehouse.query<{ app: string; n: string }>(
      'select source_app as app, count(*) as n from raw.lifting_sets group by 1 order by 1',
    );
    expect(rows).toEqual([
      { app: 'hevy', n: '330' },
      { app: 'strong', n: '300' },
    ]);
  });
});
