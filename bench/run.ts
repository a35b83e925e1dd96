/**
 * `npm run bench`: the benchmarks of Voyager, each measured against a baseline in the same run.
 * Prints figures and ratios; `npm run bench -- --json` prints one JSON object instead.
 * Options: `--only extract|load|inbox|graph|ui|run-storage|athlete`, `--zip-mb N` (padding of the inbox bench's large zip, default 512), `--events N,M` (run-storage sizes, default 100000,1000000), `--points N` (stream points for the load bench, default 1,000,000),
 * `--big-file-mb N` (size of the landing file for the load bench's peak-RSS figure),
 * `--athlete-activities N` and `--athlete-points N` (size of the heavy-athlete scenario, default
 * 6,000 activities and 20,000,000 points; `--only athlete --athlete-activities 600
 * --athlete-points 2000000` is a quick run).
 *
 * Benchmarks, not tests: nothing here fails on a slow machine; the figures are for people.
 */
import { parseArgs } from 'node:util';
import { runExtractBench } from './extract-bench.js';
import { runAthleteBench } from './athlete-bench.js';
import { runGraphBench } from './graph-bench.js';
import { runInboxZipBench } from './inbox-zip-bench.js';
import { runLoadBench } from './load-bench.js';
import { runRunStorageBench } from './run-storage-bench.js';
import { runUiBench } from './ui-bench.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    points: { type: 'string' },
    'big-file-mb': { type: 'string' },
    events: { type: 'string' },
    'athlete-activities': { type: 'string' },
    'athlete-points': { type: 'string' },
    'zip-mb': { type: 'string' },
  },
});

const results: Record<string, Record<string, number>> = {};
const started = Date.now();
if (values.only === undefined || values.only === 'extract') {
  const extract = await runExtractBench();
  results.extract = extract.figures;
  if (!values.json)
    console.log(['# extract: Strava requests of a full backfill', ...extract.lines, ''].join('\n'));
}
if (values.only === undefined || values.only === 'load') {
  const load = await runLoadBench({
    ...(values.points ? { points: Number(values.points) } : {}),
    ...(values['big-file-mb'] ? { bigFileBytes: Number(values['big-file-mb']) * 1024 * 1024 } : {}),
  });
  results.load = load.figures;
  if (!values.json) console.log(['# load: landing -> raw throughput', ...load.lines, ''].join('\n'));
}
if (values.only === undefined || values.only === 'inbox') {
  const inbox = await runInboxZipBench(
    values['zip-mb'] ? { zipBytes: Number(values['zip-mb']) * 1024 ** 2 } : {},
  );
  results.inbox = inbox.figures;
  if (!values.json)
    console.log(['# inbox: memory while taking a large zip (issue 15)', ...inbox.lines, ''].join('\n'));
}
if (values.only === undefined || values.only === 'graph') {
  const graph = runGraphBench();
  results.graph = graph.figures;
  if (!values.json)
    console.log(['# graph: validate and compile a generated asset graph', ...graph.lines, ''].join('\n'));
}
if (values.only === undefined || values.only === 'ui') {
  const ui = await runUiBench();
  results.ui = ui.figures;
  if (!values.json)
    console.log(
      ['# ui: API and render times, 1,000 assets and a run of 100,000 events', ...ui.lines, ''].join('\n'),
    );
}
if (values.only === undefined || values.only === 'run-storage') {
  const sizes = values.events?.split(',').map(Number);
  const storage = await runRunStorageBench(sizes);
  results.run_storage = storage.figures;
  if (!values.json)
    console.log(
      ['# run storage: status and UI reads, before/after the latest-events table', ...storage.lines, ''].join(
        '\n',
      ),
    );
}
if (values.only === undefined || values.only === 'athlete') {
  const athlete = await runAthleteBench({
    ...(values['athlete-activities'] ? { activities: Number(values['athlete-activities']) } : {}),
    ...(values['athlete-points'] ? { points: Number(values['athlete-points']) } : {}),
  });
  results.athlete = athlete.figures;
  if (!values.json)
    console.log(
      ['# athlete: daily runs at the scale of a heavy athlete (issue 13)', ...athlete.lines, ''].join('\n'),
    );
}
const summary = {
  ...results,
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  seconds: (Date.now() - started) / 1000,
};
if (values.json) console.log(JSON.stringify(summary));
else console.log(`benchmarks done in ${summary.seconds.toFixed(1)} s`);
