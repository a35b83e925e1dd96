import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  runAssetOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import type { AssetDefinition } from '@voyager/orchestration';
import { webEvents } from '@voyager/extract';
import { createWebEventsLoadAssets } from '@voyager/load';

// Web events from a folder laid out as Firehose delivers (YYYY/MM/DD/HH/ keys): the real Segment
// events of ../shared/data/web-events in both layouts (NDJSON and Firehose's concatenated JSON,
// gzip and plain), plus a bad object; then the generated social-app events.
let runtime: TestRuntime;
const [load, types] = createWebEventsLoadAssets({ events: webEvents });

async function runAll(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const a of [webEvents, load!, types!]) {
    const outcome = await runAssetOnce(runtime, a);
    expect([a.key, outcome.error]).toEqual([a.key, undefined]);
    out[a.key] = outcome.metadata as Record<string, unknown>;
  }
  return out;
}

describe('web events from a folder (the real Segment events)', () => {
  let events: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    events = join(runtime.home, 'events');
    const ndjson = await readFile(sharedData('web-events/segment_s3_datart_events.ndjson'));
    const concatenated = await readFile(
      sharedData('web-events/segment_s3_datart_events_firehose-concatenated.json'),
    );
    await mkdir(join(events, '2023/11/25/00'), { recursive: true });
    await mkdir(join(events, '2023/12/03/16'), { recursive: true });
    await writeFile(join(events, '2023/11/25/00/segment-1.gz'), gzipSync(ndjson));
    await writeFile(join(events, '2023/12/03/16/firehose-1'), concatenated);
    await writeFile(
      join(events, '2023/12/03/16/firehose-2.gz'),
      gzipSync(
        '{"type":"track","event":"Bad","messageId":"m-1","timestamp":"2023-12-03T16:00:00Z"}not json{"type":"track"',
      ),
    );
    (runtime.env as Record<string, string>).VOYAGER_EVENTS_URL = events;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('lands each event once, whatever the layout, and rejects the bad ones with their reason', async () => {
    const meta = await runAll();
    expect(meta['landing/web_events/events']).toMatchObject({
      objects: 3,
      rows: 719,
      duplicates: 719,
      invalid: 3,
    });
    const { rows } = await runtime.warehouse.query<{ n: number; users: number }>(
      `select count(*)::int as n, count(distinct anonymous_id)::int as users from raw.web_events`,
    );
    expect(rows[0]).toEqual({ n: 719, users: 3 });
    const rejected = await runtime.warehouse.query<{ reason: string }>(
      `select reason from raw.rejected_rows where target_table = 'web_events' order by line`,
    );
    expect(rejected.rows.map((r) => r.reason)).toEqual([
      'neither userId nor anonymousId is set',
      'not a JSON object',
      'unterminated JSON object',
    ]);
  });

  it('builds one table per event type with the properties as columns', async () => {
    const { rows } = await runtime.warehouse.query<{ n: number; channels: number }>(
      `select count(*)::int as n, count(distinct mktg_channel)::int as channels from raw.web_event_referral_event`,
    );
    expect(rows[0]!.n).toBe(719);
    expect(rows[0]!.channels).toBeGreaterThan(1);
  });

  it('a new property becomes a column and a new event type a table, named in the metadata', async () => {
    const at = '2023-12-04T10:00:00.000Z';
    const event = (id: string, name: string, properties: object) =>
      JSON.stringify({
        type: 'track',
        event: name,
        messageId: id,
        anonymousId: 'a-1',
        timestamp: at,
        properties,
      });
    await mkdir(join(events, '2023/12/04/10'), { recursive: true });
    await writeFile(
      join(events, '2023/12/04/10/new.gz'),
      gzipSync(
        event('n-1', 'Referral Event', { mktg_channel: 'SEO', score: 7 }) +
          event('n-2', 'Post Created', { post_id: 'p1', has_image: true }),
      ),
    );
    const meta = await runAll();
    expect(meta['landing/web_events/events']).toMatchObject({ objects_landed: 1, rows: 2 });
    expect(meta['raw/web_event_types']).toMatchObject({
      new_tables: ['raw.web_event_post_created'],
      new_columns: ['raw.web_event_referral_event.score'],
    });
    const { rows } = await runtime.warehouse.query(
      `select post_id, has_image from raw.web_event_post_created union all select mktg_channel, score > 5 from raw.web_event_referral_event where message_id = 'n-1'`,
    );
    expect(rows).toEqual([
      { post_id: 'p1', has_image: true },
      { post_id: 'SEO', has_image: true },
    ]);
  });
});

describe('web events from the generator (VOYAGER_EVENTS_URL unset)', () => {
  let generated: TestRuntime;
  beforeAll(async () => {
    generated = await createTestRuntime();
  });
  afterAll(async () => {
    await generated?.close();
  });

  it('fills 49 hourly Firehose objects, lands their events once and rejects the invalid ones', async () => {
    const run = async (a: AssetDefinition) => {
      const outcome = await runAssetOnce(generated, a);
      expect(outcome.error).toBeUndefined();
      return outcome.metadata as Record<string, number>;
    };
    const first = await run(webEvents);
    expect(first).toMatchObject({ objects: 49, objects_generated: 49, objects_landed: 49 });
    expect(first.duplicates).toBe(49); // one Segment retry per hour
    expect(first.invalid).toBeGreaterThanOrEqual(2); // the 00 UTC hour has one
    await run(load!);
    await run(types!);
    const { rows } = await generated.warehouse.query<{ n: number; hours: number }>(
      `select count(*)::int as n, count(distinct date_trunc('hour', event_at))::int as hours from raw.web_events`,
    );
    expect(rows[0]!.n).toBe(first.rows);
    expect(rows[0]!.hours).toBeGreaterThanOrEqual(49);
    const tables = await generated.warehouse.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'raw' and table_name like 'web_event\\_%' order by 1`,
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual([
      'web_event_identifies',
      'web_event_pages',
      'web_event_post_created',
      'web_event_profile_changed',
      'web_event_user_followed',
      'web_event_user_unfollowed',
    ]);
    const second = await run(webEvents);
    expect(second).toMatchObject({ objects_landed: second.objects_generated, rows: expect.any(Number) });
  });
});
