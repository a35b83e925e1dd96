/**
 * Inbox zip benchmark (issue 15): the peak RSS and heap of a child process taking one large
 * generated zip from the activity-file inbox, against a baseline in the same run, a child taking
 * a small zip with the same activity files. The large zip adds incompressible padding entries
 * (stored, as an export's photos and wellness files are), so its size is its bytes on disk. If the
 * inbox read zips whole, the large child's peak would grow by the zip's size. Called by
 * `bench/run.ts` (`npm run bench -- --only inbox`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { LocalObjectStore } from '@voyager/orchestration';
import { createLogger } from '@voyager/orchestration/testing';
import { takeInbox } from '@voyager/extract/testing';
import { buildActivityFit, FIT_SPORT } from '../extract/test/support/fit-files.js';

const SELF = fileURLToPath(import.meta.url);
const ACTIVITIES = 20;
/** Size of each padding entry: larger than the inbox's 64 MiB read cap, as an export's videos are. */
const PADDING_ENTRY_BYTES = 128 * 1024 ** 2;

/** `bytes` of random data as a stream of 1 MiB chunks (never whole in memory). */
function randomStream(bytes: number): Readable {
  let left = bytes;
  return new Readable({
    read() {
      const n = Math.min(left, 1024 ** 2);
      left -= n;
      this.push(n > 0 ? randomBytes(n) : null);
    },
  });
}

/** Writes a zip of {@link ACTIVITIES} FIT files plus `paddingBytes` of stored random entries. */
async function writeZip(path: string, paddingBytes: number): Promise<number> {
  const zip = new yazl.ZipFile();
  for (let i = 0; i < ACTIVITIES; i++) {
    const start = new Date(Date.UTC(2024, 0, 1 + i, 7));
    const fit = buildActivityFit(
      [{ sport: FIT_SPORT.running, start, seconds: 3600, metres: 10_000, startLatLng: [47.37, 8.54] }],
      3_900_000_000 + i,
    );
    zip.addBuffer(fit, `DI_CONNECT/DI-Connect-Uploaded-Files/activity-${i}.fit`);
  }
  for (let i = 0, left = paddingBytes; left > 0; i++, left -= PADDING_ENTRY_BYTES)
    zip.addReadStream(
      randomStream(Math.min(left, PADDING_ENTRY_BYTES)),
      `DI_CONNECT/DI-Connect-Media/${i}.mp4`,
      {
        compress: false,
      },
    );
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return (await stat(path)).size;
}

/** Child mode: take the inbox at argv[3] into the landing at argv[4]; print peak RSS and heap. */
async function zipChild(inboxDir: string, landingDir: string): Promise<void> {
  let peakHeap = process.memoryUsage().heapUsed;
  const baselineRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const summary = await takeInbox(new LocalObjectStore(inboxDir), {
    landing: new LocalObjectStore(landingDir),
    runId: 'bench',
    log: createLogger({ level: 'silent', pretty: false }),
  });
  clearInterval(sampler);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({ maxRssBytes, baselineRssBytes, peakHeapBytes: peakHeap, counts: summary.counts }) + '\n',
  );
}

interface ChildFigures {
  maxRssBytes: number;
  baselineRssBytes: number;
  peakHeapBytes: number;
  counts: { activities: number };
}

async function measure(dir: string, name: string, paddingBytes: number) {
  const inbox = join(dir, name, 'inbox');
  await mkdir(inbox, { recursive: true });
  const zipBytes = await writeZip(join(inbox, 'export.zip'), paddingBytes);
  const child = spawn(
    process.execPath,
    [
      '--conditions=voyager-source',
      '--import',
      'tsx',
      SELF,
      '--zip-child',
      inbox,
      join(dir, name, 'landing'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const started = performance.now();
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`zip child exited with ${code}: ${out}`);
  const figures = JSON.parse(out.trim().split('\n').pop()!) as ChildFigures;
  return { ...figures, zipBytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * Runs the inbox zip benchmark: `zipBytes` of padding in the large zip (default 512 MiB).
 * Figures in MB: zip sizes, each child's peak RSS and heap, and the large child's extra peak RSS
 * over the baseline as a share of the large zip's size.
 */
export async function runInboxZipBench(
  options: { zipBytes?: number } = {},
): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-zip-bench-'));
  try {
    const small = await measure(dir, 'small', 0);
    const large = await measure(dir, 'large', options.zipBytes ?? 512 * 1024 ** 2);
    const mb = (n: number) => Math.round(n / 1024 ** 2);
    const figures = {
      activities: large.counts.activities,
      small_zip_mb: Math.round((small.zipBytes / 1024 ** 2) * 10) / 10,
      large_zip_mb: mb(large.zipBytes),
      small_peak_rss_mb: mb(small.maxRssBytes),
      large_peak_rss_mb: mb(large.maxRssBytes),
      small_peak_heap_mb: mb(small.peakHeapBytes),
      large_peak_heap_mb: mb(large.peakHeapBytes),
      extra_rss_over_zip:
        Math.round(((large.maxRssBytes - small.maxRssBytes) / large.zipBytes) * 1000) / 1000,
      large_seconds: Math.round(large.seconds * 10) / 10,
    };
    const lines = [
      `inbox zip bench: a zip of ${ACTIVITIES} FIT activities taken by a child process, without and with ${figures.large_zip_mb} MB of stored padding`,
      `  baseline (${figures.small_zip_mb} MB zip): peak RSS ${figures.small_peak_rss_mb} MB, peak heap ${figures.small_peak_heap_mb} MB`,
      `  large (${figures.large_zip_mb} MB zip): peak RSS ${figures.large_peak_rss_mb} MB, peak heap ${figures.large_peak_heap_mb} MB, in ${figures.large_seconds} s`,
      `  extra peak RSS / zip size = ${figures.extra_rss_over_zip} (1 would mean the zip was held whole in memory)`,
    ];
    return { figures, lines };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF && process.argv[2] === '--zip-child')
  await zipChild(process.argv[3]!, process.argv[4]!);
