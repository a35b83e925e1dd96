import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  requireMotoServer,
  runAssetOnce,
  sharedData,
  startMotoServer,
  type MotoServer,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { webEvents } from '@voyager/extract';
import { createWebEventsLoadAssets } from '@voyager/load';

// Web events from `s3://bucket/web-data/raw/` as Firehose and Segment's S3 destination deliver
// them (UTC YYYY/MM/DD/HH/ keys, gzip or plain, NDJSON or concatenated JSON), on moto's S3: the
// real Segment events of ../shared/data/web-events in both layouts plus a bad object, the same
// objects as the folder test in web-events.test.ts, read through VOYAGER_EVENTS_URL.

const moto = requireMotoServer();
const [load] = createWebEventsLoadAssets({ events: webEvents });

describe.skipIf(!moto.path)(`web events from s3:// (moto) ${moto.skipReason ?? ''}`, () => {
  let server: MotoServer;
  let runtime: TestRuntime;
  const saved = { ...process.env };
  beforeAll(async () => {
    server = await startMotoServer({ executable: moto.path });
    // the source store takes its credentials from the SDK's default chain, as in ECS
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
    });
    const s3 = new S3Client(server.clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: 'tracking' }));
    const put = (key: string, body: Buffer | string) =>
      s3.send(new PutObjectCommand({ Bucket: 'tracking', Key: `web-data/raw/${key}`, Body: body }));
    await put(
      '2023/11/25/00/segment-1.gz',
      gzipSync(await readFile(sharedData('web-events/segment_s3_datart_events.ndjson'))),
    );
    await put(
      '2023/12/03/16/firehose-1',
      await readFile(sharedData('web-events/segment_s3_datart_events_firehose-concatenated.json')),
    );
    await put(
      '2023/12/03/16/firehose-2.gz',
      gzipSync(
        '{"type":"track","event":"Bad","messageId":"m-1","timestamp":"2023-12-03T16:00:00Z"}not json{"type":"track"',
      ),
    );
    // beside the prefix, not under it: never read
    await s3.send(
      new PutObjectCommand({
        Bucket: 'tracking',
        Key: 'web-data/rawer/2023/12/03/16/x.gz',
        Body: gzipSync('{}'),
      }),
    );
    runtime = await createTestRuntime({
      env: {
        VOYAGER_EVENTS_URL: 's3://tracking/web-data/raw/',
        VOYAGER_S3_ENDPOINT: server.endpoint,
        AWS_REGION: server.region,
      },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await server?.stop();
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
  });

  it('lands each event once from the bucket, rejects the bad ones, and a re-run lands nothing', async () => {
    const first = await runAssetOnce(runtime, webEvents);
    expect(first.error).toBeUndefined();
    expect(first.metadata).toMatchObject({
      objects: 3,
      objects_landed: 3,
      rows: 719,
      duplicates: 719,
      invalid: 3,
    });
    expect((await runAssetOnce(runtime, load!)).error).toBeUndefined();
    const { rows } = await runtime.warehouse.query<{ n: number; ids: number; hours: number }>(
      `select count(*)::int as n, count(distinct message_id)::int as ids from raw.web_events`,
    );
    expect(rows[0]).toEqual({ n: 719, ids: 719 });
    const rejected = await runtime.warehouse.query<{ reason: string }>(
      `select reason from raw.rejected_rows where target_table = 'web_events' order by line`,
    );
    expect(rejected.rows.map((r) => r.reason)).toEqual([
      'neither userId nor anonymousId is set',
      'not a JSON object',
      'unterminated JSON object',
    ]);

    const again = await runAssetOnce(runtime, webEvents);
    expect(again.error).toBeUndefined();
    expect(again.metadata).toMatchObject({ objects: 3, objects_landed: 0 });
    expect((await runAssetOnce(runtime, load!)).error).toBeUndefined();
    const { rows: after } = await runtime.warehouse.query<{ n: number }>(
      'select count(*)::int as n from raw.web_events',
    );
    expect(after[0]!.n).toBe(719);
  });
});
