/**
 * The contract of `voyager ui`'s JSON API under `/api`: zod schemas shared by the server (which
 * parses what it sends) and the web app (which parses what it receives). Imports nothing but zod,
 * so the browser bundle can use it: `import { AssetSummary } from '@voyager/orchestration/ui-api'`.
 * Instants are ISO 8601 strings (UTC), durations milliseconds.
 */
import { z } from 'zod';

/** Layer of an asset, from its key's first segment; `other` for keys outside the four layers. */
export const AssetKind = z.enum(['landing', 'raw', 'staging', 'marts', 'other']);
export type AssetKind = z.infer<typeof AssetKind>;

/** Status of an asset in the catalog: its newest event (over all partitions), or `never`. */
export const AssetStatus = z.enum(['materialized', 'failed', 'running', 'skipped', 'canceled', 'never']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** Newest result of each check of an asset, counted by verdict. */
export const CheckVerdicts = z.object({
  passed: z.number().int(),
  warn: z.number().int(),
  failed: z.number().int(),
});
export type CheckVerdicts = z.infer<typeof CheckVerdicts>;

/** One row of the asset catalog (`GET /api/assets`). */
export const AssetSummary = z.object({
  key: z.string(),
  group: z.string(),
  kind: AssetKind,
  description: z.string(),
  image: z.string(),
  deps: z.array(z.string()),
  partitioned: z.boolean(),
  status: AssetStatus,
  lastMaterializedAt: z.string().nullable(),
  lastRunId: z.string().nullable(),
  /** True when an upstream asset materialized after this one last did. */
  stale: z.boolean(),
  checks: CheckVerdicts,
  tags: z.record(z.string(), z.string()),
});
export type AssetSummary = z.infer<typeof AssetSummary>;

/** `GET /api/assets`: the catalog, in topological order. */
export const AssetList = z.object({ assets: z.array(AssetSummary) });
export type AssetList = z.infer<typeof AssetList>;

/** `GET /api/graph`: nodes and edges of the asset graph (edge `from` is upstream). */
export const GraphResponse = z.object({
  nodes: z.array(
    z.object({
      key: z.string(),
      group: z.string(),
      kind: AssetKind,
      status: AssetStatus,
      stale: z.boolean(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type GraphResponse = z.infer<typeof GraphResponse>;

/** `GET /api/selection?select=`: the keys a CLI selection resolves to, or the error line. */
export const SelectionResponse = z.object({ keys: z.array(z.string()), error: z.string().nullable() });
export type SelectionResponse = z.infer<typeof SelectionResponse>;

/** Metadata values as stored (JSON). */
export const MetadataValue = z.unknown();

/** One event of run storage (materialization, check, failure, skipped, canceled). */
export const AssetEventDto = z.object({
  eventId: z.number().int(),
  runId: z.string(),
  assetKey: z.string(),
  partitionKey: z.string(),
  eventType: z.enum(['materialization', 'check', 'failure', 'skipped', 'canceled']),
  status: z.enum(['success', 'failed', 'warn', 'skipped', 'canceled']),
  checkName: z.string().nullable(),
  attempt: z.number().int(),
  metadata: z.record(z.string(), MetadataValue),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string(),
  durationMs: z.number().nullable(),
});
export type AssetEventDto = z.infer<typeof AssetEventDto>;

/** A column of a dbt model with its description from the model's `.yml`. */
export const ColumnDto = z.object({ name: z.string(), description: z.string() });
export type ColumnDto = z.infer<typeof ColumnDto>;

/** `GET /api/assets/:key`: one asset with columns, code location, history and check history. */
export const AssetDetail = z.object({
  asset: AssetSummary,
  downstream: z.array(z.string()),
  checkDefinitions: z.array(z.object({ name: z.string(), description: z.string(), blocking: z.boolean() })),
  columns: z.array(ColumnDto).nullable(),
  codeLocation: z.string(),
  /** Newest first, at most 200. */
  history: z.array(AssetEventDto),
  /** Newest first, at most 200. */
  checkHistory: z.array(AssetEventDto),
});
export type AssetDetail = z.infer<typeof AssetDetail>;

/** Status of one partition of a partitioned asset. */
export const PartitionStatus = z.enum(['materialized', 'failed', 'missing', 'running']);
export type PartitionStatus = z.infer<typeof PartitionStatus>;

/** `GET /api/assets/:key/partitions`: every partition key (oldest first) with its status. */
export const PartitionsResponse = z.object({
  kind: z.enum(['daily', 'hourly', 'static']),
  partitions: z.array(z.object({ key: z.string(), status: PartitionStatus })),
});
export type PartitionsResponse = z.infer<typeof PartitionsResponse>;

/** Run status. */
export const RunStatus = z.enum(['running', 'success', 'failed', 'canceled']);

/** Who started a run: `airflow` for run ids `<dag_id>__<dag run id>`, else `launchedBy`. */
export const RunTrigger = z.enum(['cli', 'ui', 'airflow', 'container', 'other']);
export type RunTrigger = z.infer<typeof RunTrigger>;

/** One run of `voyager.runs`. */
export const RunSummary = z.object({
  runId: z.string(),
  status: RunStatus,
  selection: z.string(),
  partitions: z.array(z.string()),
  isolation: z.string(),
  launchedBy: z.string(),
  trigger: RunTrigger,
  /** The Airflow DAG and DAG run id, for runs an Airflow DAG drove. */
  dagRun: z.object({ dagId: z.string(), runId: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** `GET /api/runs?limit=&status=`: runs, newest first. */
export const RunList = z.object({ runs: z.array(RunSummary) });
export type RunList = z.infer<typeof RunList>;

/** One step of a run's timeline: an asset (and partition) with its attempts. */
export const RunStep = z.object({
  label: z.string(),
  assetKey: z.string(),
  partitionKey: z.string(),
  status: z.enum(['running', 'success', 'failed', 'skipped', 'canceled']),
  attempts: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunStep = z.infer<typeof RunStep>;

/** `GET /api/runs/:id`: the run, its steps and its newest 2,000 events (oldest first) of `eventCount`. */
export const RunDetail = z.object({
  run: RunSummary,
  steps: z.array(RunStep),
  events: z.array(AssetEventDto),
  eventCount: z.number().int(),
  /** True while the UI server holds the process that runs it (so it can cancel it). */
  cancelable: z.boolean(),
});
export type RunDetail = z.infer<typeof RunDetail>;

/** One structured log line of a run (pino JSON). */
export const LogLine = z.object({
  index: z.number().int(),
  time: z.string().nullable(),
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  msg: z.string(),
  step: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
});
export type LogLine = z.infer<typeof LogLine>;

/** `GET /api/runs/:id/logs?after=`: log lines with index > `after`. */
export const LogPage = z.object({ lines: z.array(LogLine), available: z.boolean() });
export type LogPage = z.infer<typeof LogPage>;

/**
 * `POST /api/launch`: what to materialize; `rerunOf` re-executes a run's failed steps. `from` and
 * `to` are the first and last partition to run, both included (as picked in the partition grid);
 * the launched `voyager materialize --to` is the partition after `to`, the end of its `[from, to)`.
 */
export const LaunchRequest = z
  .object({
    select: z.string().min(1).optional(),
    partition: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    rerunOf: z.string().min(1).optional(),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), 'from and to go together')
  .refine((r) => r.select !== undefined || r.rerunOf !== undefined, 'select or rerunOf is required');
export type LaunchRequest = z.infer<typeof LaunchRequest>;

/** Answer of `POST /api/launch`. */
export const LaunchResponse = z.object({ runId: z.string(), command: z.array(z.string()) });
export type LaunchResponse = z.infer<typeof LaunchResponse>;

/** Any error answer: one line. */
export const ApiError = z.object({ error: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** `GET /api/marts/:name`: rows of a dashboard query (columns as in the mart). */
export const MartRows = z.object({
  available: z.boolean(),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type MartRows = z.infer<typeof MartRows>;

/** Names of the dashboard queries of `GET /api/marts/:name`. */
export const MartQueryName = z.enum([
  'training-weeks',
  'activity-calendar',
  'heart-rate-zones',
  'hourly-max-heart-rate',
  'daily-heart-rate',
  'heart-rate-time-in-zones',
  'heart-rate-zone-bounds',
  'personal-records',
  'activities',
  'lifting-weekly-volume',
  'lifting-one-rep-max',
  'lifting-workouts',
  'fitness',
  'mean-maximal-curves',
  'eddington',
  'eddington-history',
  'year-in-sport',
]);
export type MartQueryName = z.infer<typeof MartQueryName>;

/** Server-sent event `run` of `GET /api/runs/:id/stream`: something changed; refetch. */
export const RunStreamMessage = z.object({
  status: RunStatus,
  events: z.number().int(),
  logLines: z.number().int(),
});
export type RunStreamMessage = z.infer<typeof RunStreamMessage>;

/**
 * `GET /api/graph/layout`: the lineage graph laid out left to right by ELK on the server (once
 * per graph shape, cached), positions in px: groups as boxes, assets inside them.
 */
export const GraphLayout = z.object({
  node: z.object({ width: z.number(), height: z.number() }),
  groups: z.array(
    z.object({ id: z.string(), x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  ),
  assets: z.array(z.object({ key: z.string(), group: z.string(), x: z.number(), y: z.number() })),
});
export type GraphLayout = z.infer<typeof GraphLayout>;

/** `GET /api/checks`: the newest result of every check (per asset, partition and check). */
export const CheckList = z.object({ checks: z.array(AssetEventDto) });
export type CheckList = z.infer<typeof CheckList>;

/** Answer of `POST /api/runs/:id/cancel`. */
export const CancelResponse = z.object({ canceled: z.string() });
export type CancelResponse = z.infer<typeof CancelResponse>;

/** `GET /api/health`: the server answers (no sign-in needed). */
export const HealthResponse = z.object({ ok: z.literal(true) });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** What the activity page plots its streams against: elapsed seconds or kilometres. */
export const StreamAxis = z.enum(['time', 'distance']);
export type StreamAxis = z.infer<typeof StreamAxis>;

/** Streams of an activity (units as in staging: bpm, m/s, m, W, rpm). */
export const StreamName = z.enum(['heart_rate_bpm', 'speed_m_per_s', 'altitude_m', 'power_w', 'cadence_rpm']);
export type StreamName = z.infer<typeof StreamName>;

/**
 * `GET /api/activities/:id/streams?x=time|distance`: each recorded stream as [x, value] pairs
 * (x: seconds or km), downsampled by LTTB to at most 600; the route as [latitude, longitude]
 * degrees, at most 1,500 (from Strava's summary polyline when the activity has no recorded positions).
 * `available: false` until the streams' staging model exists.
 */
export const ActivityStreams = z.object({
  available: z.boolean(),
  axis: StreamAxis,
  /** Recorded points read (at most 100,000). */
  totalPoints: z.number().int(),
  series: z.partialRecord(StreamName, z.array(z.tuple([z.number(), z.number()]))),
  /**
   * The source record whose points these are: the one that wins the streams in
   * `marts.fct_activity_sources` (a device file's negative id, say), else the activity's own id.
   */
  streamsActivityId: z.string(),
  route: z.array(z.tuple([z.number(), z.number()])),
  /**
   * Where the route comes from: the recorded positions, or (an activity without them) Strava's
   * summary polyline, a simplified line; `null` when there is no route.
   */
  routeSource: z.enum(['streams', 'summary_polyline']).nullable(),
});
export type ActivityStreams = z.infer<typeof ActivityStreams>;
