/**
 * Load benchmark (issue 4): rows/s of our loader, of a row-by-row parameterised INSERT loop and
 * of the floor (COPY of a pre-formatted text file through pg-copy-streams, no parsing, no merge),
 * all into the same `raw.strava_activity_streams` shape on an embedded Postgres; plus the peak
 * RSS of a child process loading one big landing file. Called by `bench/run.ts` (`npm run bench`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { openRuntime, createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import { writeLandingBatch, type ObjectStore } from '@voyager/orchestration';
import { loadRawTable, type RawTable } from '@voyager/load';
import {
  migrateLoadSchema,
  STRAVA_ACTIVITY_STREAMS_TABLE,
  PostgresTarget,
  syntheticStreamRecord,
} from '@voyager/load/testing';

const POINTS_PER_ACTIVITY = 10_000;
const INSERT_SAMPLE_ROWS = 20_000;
const ROUNDS = 2;
const SELF = fileURLToPath(import.meta.url);

/** The streams table reading another landing dataset, so each measurement loads only its own data. */
function streamsFrom(dataset: string): RawTable {
  return { ...STRAVA_ACTIVITY_STREAMS_TABLE, dataset };
}

function activities(points: number, firstId: number): Generator<Record<string, unknown>> {
  return (function* () {
    for (let done = 0, id = firstId; done < points; done += POINTS_PER_ACTIVITY, id++) {
      yield syntheticStreamRecord(id, Math.min(POINTS_PER_ACTIVITY, points - done));
    }
  })();
}

async function emptyStreams(runtime: TestRuntime): Promise<void> {
  await runtime.warehouse.query('truncate raw.strava_activity_streams');
  await runtime.warehouse.query('delete from voyager.load_ledger');
}

async function loadDataset(
  store: ObjectStore,
  runtime: { warehouse: TestRuntime['warehouse']; databaseUrl: string },
  dataset: string,
) {
  const log = pino({ level: 'silent' });
  const ctx = { landing: store, runId: `bench-${Date.now()}`, log, signal: new AbortController().signal };
  return loadRawTable(ctx, new PostgresTarget(runtime.warehouse, runtime.databaseUrl), streamsFrom(dataset));
}

/** Rows/s of a row-by-row parameterised INSERT (one statement per row, autocommit), as the original Python pipelines did. */
async function insertLoopRate(runtime: TestRuntime): Promise<number> {
  const record = syntheticStreamRecord(900_000, INSERT_SAMPLE_ROWS) as {
    streams: Record<string, { data: unknown[] }>;
  };
  const s = record.streams;
  const client = await runtime.warehouse.connect();
  try {
    const started = performance.now();
    for (let i = 0; i < INSERT_SAMPLE_ROWS; i++) {
      const [lat, lng] = s.latlng!.data[i] as [number, number];
      await client.query(
        `insert into raw.strava_activity_streams (activity_id, point_index, time_s, lat, lng, distance_m, altitude_m,
           velocity_smooth_m_per_s, heartrate_bpm, cadence_rpm, temp_c, moving, grade_smooth_pct, synthetic, stream_source,
           _source_object, _loaded_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())`,
        [
          900_000,
          i,
          s.time!.data[i],
          lat,
          lng,
          s.distance!.data[i],
          s.altitude!.data[i],
          s.velocity_smooth!.data[i],
          s.heartrate!.data[i],
          s.cadence!.data[i],
          s.temp!.data[i],
          s.moving!.data[i],
          s.grade_smooth!.data[i],
          true,
          'simulator',
          'bench',
        ],
      );
    }
    return INSERT_SAMPLE_ROWS / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

/** The same rows as COPY text, formatted before timing starts (the floor does no parsing). */
function preformatted(points: number): string[] {
  const chunks: string[] = [];
  for (const record of activities(points, 1)) {
    const id = record.activity_id as number;
    const s = (record as { streams: Record<string, { data: unknown[] }> }).streams;
    const lines: string[] = [];
    for (let i = 0; i < s.time!.data.length; i++) {
      const [lat, lng] = s.latlng!.data[i] as [number, number];
      lines.push(
        `${id}\t${i}\t${s.time!.data[i]}\t${lat}\t${lng}\t${s.distance!.data[i]}\t${s.altitude!.data[i]}\t${s.velocity_smooth!.data[i]}\t${s.heartrate!.data[i]}\t${s.cadence!.data[i]}\t\\N\t${s.temp!.data[i]}\t${s.moving!.data[i] ? 't' : 'f'}\t${s.grade_smooth!.data[i]}\tt\tsimulator\t\\N\tbench\t2025-10-20T00:00:00Z\n`,
      );
    }
    chunks.push(lines.join(''));
  }
  return chunks;
}

async function floorRate(runtime: TestRuntime, chunks: readonly string[], points: number): Promise<number> {
  const client = await runtime.warehouse.connect();
  try {
    const started = performance.now();
    const copy = client.query(copyFrom('copy raw.strava_activity_streams from stdin'));
    for (const chunk of chunks) if (!copy.write(chunk)) await once(copy, 'drain');
    copy.end();
    await once(copy, 'finish');
    return points / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

/** Writes one landing object of about `bytes` uncompressed NDJSON, streamed (never held in memory), with its manifest. */
async function writeBigObject(
  store: ObjectStore,
  dataset: string,
  bytes: number,
): Promise<{ points: number; stored: number; ndjson: number }> {
  const key = `${dataset}/ingest_date=2025-10-20/run=big/part-00001.ndjson.gz`;
  const gzip = createGzip({ level: 1 });
  const body = new PassThrough();
  const hash = createHash('sha256');
  let stored = 0;
  gzip.on('data', (c: Buffer) => {
    hash.update(c);
    stored += c.length;
  });
  gzip.pipe(body);
  const put = store.put(key, body);
  let ndjson = 0;
  let points = 0;
  let id = 1_000_000;
  while (ndjson < bytes) {
    const line = JSON.stringify(syntheticStreamRecord(id++, POINTS_PER_ACTIVITY)) + '\n';
    ndjson += line.length;
    points += POINTS_PER_ACTIVITY;
    if (!gzip.write(line)) await once(gzip, 'drain');
  }
  gzip.end();
  await put;
  const manifest = {
    version: 1,
    dataset,
    run_id: 'big',
    ingest_date: '2025-10-20',
    created_at: new Date().toISOString(),
    record_count: id - 1_000_000,
    objects: [{ key, records: id - 1_000_000, bytes: stored, sha256: hash.digest('hex') }],
    metadata: {},
  };
  await store.put(`${dataset}/ingest_date=2025-10-20/run=big/_manifest.json`, JSON.stringify(manifest));
  return { points, stored, ndjson };
}

/** Child mode: load the big dataset and print `{ maxRssBytes, rows }`. */
async function rssChild(): Promise<void> {
  const runtime = await openRuntime({ projectDir: process.cwd(), poolSize: 2 });
  try {
    const baselineRssBytes = process.memoryUsage().rss;
    const metadata = await loadDataset(runtime.landing, runtime, 'bench/big_streams');
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify({ maxRssBytes, baselineRssBytes, rows: metadata.rows }) + '\n');
  } finally {
    await runtime.close();
  }
}

async function peakRss(
  runtime: TestRuntime,
): Promise<{ maxRssBytes: number; baselineRssBytes: number; rows: number; seconds: number }> {
  const child = spawn(
    process.execPath,
    ['--conditions=voyager-source', '--import', 'tsx', SELF, '--rss-child'],
    {
      env: {
        ...process.env,
        VOYAGER_DATABASE_URL: runtime.databaseUrl,
        VOYAGER_LANDING_URL: runtime.landing.url,
        VOYAGER_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const started = performance.now();
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`RSS child exited with ${code}: ${out}`);
  return {
    ...(JSON.parse(out.trim().split('\n').pop()!) as {
      maxRssBytes: number;
      baselineRssBytes: number;
      rows: number;
    }),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Runs the load benchmark. `points`: stream points for the rate measurements (default 1,000,000);
 * `bigFileBytes`: uncompressed NDJSON size of the landing file whose load's peak RSS is measured
 * (default 1 GiB; stored gzip is smaller, both are reported).
 */
export async function runLoadBench(
  options: { points?: number; bigFileBytes?: number } = {},
): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const points = options.points ?? 1_000_000;
  const bigFileBytes = options.bigFileBytes ?? 1024 ** 3;
  const runtime = await createTestRuntime();
  try {
    await migrateLoadSchema(runtime.databaseUrl);
    await writeLandingBatch(runtime.landing, {
      dataset: 'bench/streams',
      runId: 'bench',
      records: activities(points, 1),
      recordsPerPart: 10,
    });
    const chunks = preformatted(points);
    // best of ROUNDS for ours and the floor, interleaved: a shared 2-core machine is noisy
    let oursRate = 0;
    let floor = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await emptyStreams(runtime);
      const started = performance.now();
      const loaded = await loadDataset(runtime.landing, runtime, 'bench/streams');
      oursRate = Math.max(oursRate, Number(loaded.rows) / ((performance.now() - started) / 1000));
      await emptyStreams(runtime);
      floor = Math.max(floor, await floorRate(runtime, chunks, points));
    }

    await emptyStreams(runtime);
    const insertRate = await insertLoopRate(runtime);

    await emptyStreams(runtime);
    const big = await writeBigObject(runtime.landing, 'bench/big_streams', bigFileBytes);
    const rss = await peakRss(runtime);

    const figures = {
      points,
      ours_rows_per_s: Math.round(oursRate),
      insert_loop_rows_per_s: Math.round(insertRate),
      floor_copy_rows_per_s: Math.round(floor),
      ours_over_floor: Math.round((oursRate / floor) * 1000) / 1000,
      ours_over_insert: Math.round((oursRate / insertRate) * 10) / 10,
      big_file_ndjson_bytes: big.ndjson,
      big_file_stored_bytes: big.stored,
      big_file_points: big.points,
      big_file_load_seconds: Math.round(rss.seconds * 10) / 10,
      peak_rss_mb: Math.round(rss.maxRssBytes / 1024 ** 2),
      rss_before_load_mb: Math.round(rss.baselineRssBytes / 1024 ** 2),
    };
    const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MB`;
    const lines = [
      `load bench: ${points.toLocaleString('en')} generated stream points into raw.strava_activity_streams (embedded Postgres)`,
      `  ours (gunzip + parse + validate + COPY + merge): ${figures.ours_rows_per_s.toLocaleString('en')} rows/s`,
      `  row-by-row INSERT loop (${INSERT_SAMPLE_ROWS.toLocaleString('en')} rows timed, rate extrapolated): ${figures.insert_loop_rows_per_s.toLocaleString('en')} rows/s`,
      `  floor (COPY of pre-formatted text, no parsing or merge): ${figures.floor_copy_rows_per_s.toLocaleString('en')} rows/s`,
      `  ours / floor = ${figures.ours_over_floor} (goal >= 0.6)   ours / INSERT = ${figures.ours_over_insert}x (goal >= 20)`,
      `  peak RSS loading one landing file of ${mb(big.ndjson)} NDJSON (${mb(big.stored)} gzip, ${big.points.toLocaleString('en')} points) in a child process: ${figures.peak_rss_mb} MB (${figures.rss_before_load_mb} MB before loading; goal < 300 MB at 1 GB) in ${figures.big_file_load_seconds} s`,
    ];
    return { figures, lines };
  } finally {
    await runtime.close();
  }
}

if (process.argv[1] === SELF && process.argv[2] === '--rss-child') await rssChild();
