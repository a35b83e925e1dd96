import { gunzipSync } from 'node:zlib';
import { asset, LandingBatchWriter, type MaterializeResult } from '@voyager/orchestration';
import { generateWebEvents } from './event-generator.js';
import { splitJsonObjects } from './json-objects.js';
import { segmentProblem } from './segment-event.js';
import { openWebEventsSource } from './web-events-environment.js';

/** Landing dataset of the web events: one record per event (or bad piece, with `_problem`). */
export const WEB_EVENTS_DATASET = 'web_events/events';

/** The asset's cursor: the size of every events object already landed, by key. */
interface LandedObjects {
  readonly objects: Readonly<Record<string, number>>;
}

/**
 * `landing/web_events/events` (group `web_events`): lands the events of every new or grown
 * object under `VOYAGER_EVENTS_URL` (gzip or plain; NDJSON or Firehose's concatenated JSON).
 * Each event gets `_object` (its key); events repeating a `messageId` already seen in this run (a
 * Segment retry) are dropped here, later repeats by load's upsert. An event that breaks the spec
 * (`segmentProblem`) or a piece that is not JSON lands with `_problem`, so load puts it in
 * `raw.rejected_rows` with the reason. With the default folder, the generator first writes the
 * missing hours.
 */
export const webEvents = asset({
  key: 'landing/web_events/events',
  group: 'web_events',
  description:
    'One record per tracking event (Segment spec) of every new events object, duplicates within the run dropped, invalid ones marked with their reason',
  image: 'extract',
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  async materialize(ctx): Promise<MaterializeResult> {
    const source = openWebEventsSource(ctx.projectDir, ctx.env);
    const generated = source.isDefault ? await generateWebEvents(source.store) : [];
    const state = (await ctx.state.get<LandedObjects>()) ?? { objects: {} };
    const objects = await source.store.list('');
    const fresh = objects.filter((o) => state.objects[o.key] !== o.size);
    const batch = new LandingBatchWriter(ctx.landing, { dataset: WEB_EVENTS_DATASET, runId: ctx.runId });
    const seen = new Set<string>();
    let events = 0;
    let duplicates = 0;
    let invalid = 0;
    for (const object of fresh) {
      ctx.signal.throwIfAborted();
      let bytes = await source.store.get(object.key);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const records: Record<string, unknown>[] = [];
      for (const piece of splitJsonObjects(bytes.toString('utf8'))) {
        if (!piece.ok) {
          records.push({
            _object: object.key,
            _index: piece.index,
            _problem: piece.reason,
            _text: piece.text.slice(0, 2000),
          });
          invalid++;
          continue;
        }
        const problem = segmentProblem(piece.value);
        if (problem) {
          records.push({ ...piece.value, _object: object.key, _index: piece.index, _problem: problem });
          invalid++;
          continue;
        }
        const id = piece.value.messageId as string;
        if (seen.has(id)) {
          duplicates++;
          continue;
        }
        seen.add(id);
        records.push({ ...piece.value, _object: object.key, _index: piece.index });
        events++;
      }
      await batch.writePart(records);
    }
    await batch.commit({ source: source.store.url, objects: fresh.map((o) => o.key) });
    await ctx.state.set({
      objects: { ...state.objects, ...Object.fromEntries(fresh.map((o) => [o.key, o.size])) },
    } satisfies LandedObjects);
    return {
      metadata: {
        source: source.isDefault ? 'generated events' : source.store.url,
        objects: objects.length,
        objects_landed: fresh.length,
        objects_generated: generated.length,
        rows: events,
        duplicates,
        invalid,
      },
    };
  },
});

/** The web-events extract assets. */
export const webEventsExtractAssets = Object.freeze({ events: webEvents });
