import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { LoadConfigError } from '../load-environment.js';
import { openLoadTarget } from '../open-load-target.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { WEB_EVENTS_TABLE } from './events-table.js';
import { refreshEventTypeTables } from './event-type-tables.js';

/** The upstream (extract) asset of the web-events load assets. */
export interface WebEventsLoadUpstream {
  /** `landing/web_events/events`. */
  readonly events?: AssetDefinition;
}

/**
 * The web-events load assets (group `web_events`): `raw/web_events` (every event once, by
 * `message_id`, with the `rejected_rows_ratio` check) and `raw/web_event_types` (one table per
 * event type, `raw.web_event_<type>`, properties as typed columns; new types and properties named
 * in its metadata as `new_tables` / `new_columns`). Postgres warehouses only for the second.
 */
export function createWebEventsLoadAssets(upstream: WebEventsLoadUpstream): AssetDefinition[] {
  const events = asset({
    key: `raw/${WEB_EVENTS_TABLE.table}`,
    group: 'web_events',
    description:
      'One row per tracking event (Segment spec), deduplicated by message_id; properties, traits and context as jsonb',
    image: 'load',
    deps: upstream.events ? [upstream.events] : [],
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), WEB_EVENTS_TABLE) };
    },
  });
  const types = asset({
    key: 'raw/web_event_types',
    group: 'web_events',
    description:
      'One table per event type, raw.web_event_<type> (track events by name, pages, identifies): one row per event, its properties as typed columns',
    image: 'load',
    deps: [events],
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    async materialize(ctx) {
      if (openLoadTarget(ctx).name !== 'postgres')
        throw new LoadConfigError(
          'VOYAGER_WAREHOUSE_TARGET: the per-event-type tables load into Postgres only',
        );
      const result = await refreshEventTypeTables(ctx.warehouse);
      if (result.newTables.length + result.newColumns.length > 0)
        ctx.log.info({ newTables: result.newTables, newColumns: result.newColumns }, 'event schema evolved');
      return {
        metadata: {
          tables: result.tables,
          new_tables: result.newTables,
          new_columns: result.newColumns,
          rows: result.rows,
        },
      };
    },
  });
  return [events, types];
}
