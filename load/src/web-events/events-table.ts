import type { RawTable } from '../raw-table.js';

/** Landing dataset `raw.web_events` reads (extract's `landing/web_events/events`). */
export const WEB_EVENTS_DATASET = 'web_events/events';

/** Segment's common fields (https://segment.com/docs/connections/spec/common/) plus extract's `_object` / `_index`. */
const EVENT_FIELDS = [
  'type',
  'event',
  'messageId',
  'userId',
  'anonymousId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'receivedAt',
  'name',
  'properties',
  'traits',
  'context',
  'integrations',
  'channel',
  'version',
  '_metadata',
  'projectId',
  'writeKey',
  'category',
  'groupId',
  'previousId',
  '_object',
  '_index',
];

/**
 * The per-event-type table an event belongs to: a track event by its `event` name in snake_case
 * (`Post Created` -> `post_created`), other calls by their type in the plural (`pages`, `identifies`).
 */
export function eventTableName(e: Readonly<Record<string, unknown>>): string {
  if (e.type === 'track') {
    const name = String(e.event)
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    return (/^[a-z]/.test(name) ? name : `e_${name}`).slice(0, 40);
  }
  const plural: Record<string, string> = {
    page: 'pages',
    screen: 'screens',
    identify: 'identifies',
    group: 'groups',
    alias: 'aliases',
  };
  return plural[String(e.type)] ?? String(e.type);
}

/**
 * `raw.web_events`: one row per tracking event, keyed by `message_id`, so a Segment retry or an
 * object landed again merges instead of duplicating. Typed common fields, `properties`, `traits`
 * and `context` as jsonb, `event_table` (the per-type table it also goes to). An event extract
 * marked with `_problem` (not JSON, not the Segment spec) goes to `raw.rejected_rows` with it.
 */
export const WEB_EVENTS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'web_events',
  dataset: WEB_EVENTS_DATASET,
  columns: [
    { name: 'message_id', type: 'text', from: 'messageId', required: true },
    { name: 'type', type: 'text', required: true },
    { name: 'event', type: 'text' },
    { name: 'event_table', type: 'text', required: true },
    { name: 'user_id', type: 'text', from: 'userId' },
    { name: 'anonymous_id', type: 'text', from: 'anonymousId' },
    { name: 'event_at', type: 'timestamptz', from: 'timestamp', required: true },
    { name: 'original_timestamp', type: 'timestamptz', from: 'originalTimestamp' },
    { name: 'sent_at', type: 'timestamptz', from: 'sentAt' },
    { name: 'received_at', type: 'timestamptz', from: 'receivedAt' },
    { name: 'page_name', type: 'text', from: 'name' },
    { name: 'properties', type: 'jsonb' },
    { name: 'traits', type: 'jsonb' },
    { name: 'context', type: 'jsonb' },
    { name: 'source_object', type: 'text', from: '_object' },
  ],
  key: ['message_id'],
  knownFields: new Set(EVENT_FIELDS),
  explode(record) {
    if (typeof record._problem === 'string') throw new Error(record._problem);
    const id = (v: unknown) => (typeof v === 'number' ? String(v) : v);
    return [
      {
        value: {
          ...record,
          userId: id(record.userId),
          anonymousId: id(record.anonymousId),
          event_table: eventTableName(record),
        },
      },
    ];
  },
});
