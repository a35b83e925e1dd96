import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import * as S from './api-schemas.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(S.ApiError, description);
const key = z.object({ key: z.string().meta({ description: 'Asset key, URL-encoded as one segment' }) });
const runId = z.object({ id: z.string().meta({ description: 'Run id' }) });
const activityId = z.object({
  id: z
    .string()
    .regex(/^-?\d+$/)
    .meta({ description: "Activity id: Strava's, or a device file's (negative) of no Strava activity" }),
});

/**
 * Every route of the JSON API: Hono path (`:param`) -> method -> operation. The test
 * `ui-openapi.test.ts` checks that each route the app serves is here and that its answers validate
 * against the schemas below, so this table cannot drift from the server.
 */
export const API_OPERATIONS: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  '/api/health': { get: { summary: 'The server answers', responses: { 200: json(S.HealthResponse, 'ok') } } },
  '/api/openapi.json': {
    get: {
      summary: 'This document (OpenAPI 3.1)',
      responses: { 200: { description: 'the OpenAPI document', content: { 'application/json': {} } } },
    },
  },
  '/api/assets': { get: { summary: 'The asset catalog', responses: { 200: json(S.AssetList, 'assets') } } },
  '/api/assets/:key': {
    get: {
      summary: 'One asset: columns, code location, history, checks',
      requestParams: { path: key },
      responses: { 200: json(S.AssetDetail, 'the asset'), 404: error('unknown asset') },
    },
  },
  '/api/assets/:key/partitions': {
    get: {
      summary: 'Status of every partition of a partitioned asset',
      requestParams: { path: key },
      responses: {
        200: json(S.PartitionsResponse, 'partitions'),
        404: error('unknown or unpartitioned asset'),
      },
    },
  },
  '/api/graph': {
    get: { summary: 'Nodes and edges', responses: { 200: json(S.GraphResponse, 'the graph') } },
  },
  '/api/graph/layout': {
    get: {
      summary: 'The lineage layout (ELK, server-side)',
      responses: { 200: json(S.GraphLayout, 'layout') },
    },
  },
  '/api/selection': {
    get: {
      summary: 'The keys a CLI selection resolves to',
      requestParams: { query: z.object({ select: z.string().meta({ example: '+marts/fct_activities' }) }) },
      responses: { 200: json(S.SelectionResponse, 'keys, or the error line') },
    },
  },
  '/api/checks': {
    get: { summary: 'Newest check results', responses: { 200: json(S.CheckList, 'checks') } },
  },
  '/api/runs': {
    get: {
      summary: 'Runs, newest first',
      requestParams: {
        query: z.object({
          limit: z.number().int().min(1).max(1000).optional(),
          status: S.RunStatus.optional(),
        }),
      },
      responses: { 200: json(S.RunList, 'runs'), 400: error('bad status') },
    },
  },
  '/api/runs/:id': {
    get: {
      summary: 'A run, its steps and newest events',
      requestParams: { path: runId },
      responses: { 200: json(S.RunDetail, 'the run'), 404: error('unknown run') },
    },
  },
  '/api/runs/:id/logs': {
    get: {
      summary: 'Log lines of a run after an index',
      requestParams: { path: runId, query: z.object({ after: z.number().int().optional() }) },
      responses: { 200: json(S.LogPage, 'log lines') },
    },
  },
  '/api/runs/:id/stream': {
    get: {
      summary: 'Server-sent events `run` (a RunStreamMessage) while the run changes',
      requestParams: { path: runId },
      responses: {
        200: {
          description: 'event stream',
          content: { 'text/event-stream': { schema: S.RunStreamMessage } },
        },
      },
    },
  },
  '/api/runs/:id/cancel': {
    post: {
      summary: 'Cancel a run this server launched',
      requestParams: { path: runId },
      responses: { 200: json(S.CancelResponse, 'canceled'), 409: error('not launched by this server') },
    },
  },
  '/api/launch': {
    post: {
      summary: 'Materialize a selection, a partition or a range; or re-execute a run',
      requestBody: { content: { 'application/json': { schema: S.LaunchRequest } } },
      responses: {
        201: json(S.LaunchResponse, 'launched'),
        400: error('bad request, selection or partition'),
      },
    },
  },
  '/api/marts/:name': {
    get: {
      summary: 'Rows of a dashboard query over the marts',
      requestParams: { path: z.object({ name: S.MartQueryName }) },
      responses: { 200: json(S.MartRows, 'rows'), 404: error('unknown query') },
    },
  },
  '/api/activities/:id/streams': {
    get: {
      summary: "An activity's streams (LTTB-downsampled) against time or distance, and its route",
      requestParams: {
        path: activityId,
        query: z.object({ x: S.StreamAxis.optional() }),
      },
      responses: { 200: json(S.ActivityStreams, 'streams and route'), 400: error('bad id or axis') },
    },
  },
  '/api/activities/:id/summary': {
    get: {
      summary:
        "The activity's facts (marts.fct_activities): name, sport, start, distance, time, elevation, heart rate",
      requestParams: { path: activityId },
      responses: { 200: json(S.MartRows, 'at most one row'), 400: error('bad id') },
    },
  },
  '/api/activities/:id/sources': {
    get: {
      summary:
        "The activity's source records (marts.fct_activity_sources): match rule, and which record won the summary and the streams, and why",
      requestParams: { path: activityId },
      responses: { 200: json(S.MartRows, 'source records, the canonical first'), 400: error('bad id') },
    },
  },
  '/api/activities/:id/weather': {
    get: {
      summary:
        "The activity's weather (marts.fct_activity_weather): start conditions, mean and extremes, head-, cross- and tailwind seconds",
      requestParams: { path: activityId },
      responses: { 200: json(S.MartRows, 'at most one row'), 400: error('bad id') },
    },
  },
};

/** `/api/assets/:key` -> `/api/assets/{key}`. */
export const openApiPath = (honoPath: string): string => honoPath.replace(/:([A-Za-z]+)/g, '{$1}');

let cached: ReturnType<typeof createDocument> | undefined;

/**
 * The OpenAPI 3.1 document of `/api` (served at `/api/openapi.json`), generated from the zod
 * schemas of `api-schemas.ts` by zod-openapi. Errors are `ApiError`; with `VOYAGER_UI_TOKEN` set
 * every route but health and this document needs the cookie or `Authorization: Bearer`.
 */
export function openApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const [path, ops] of Object.entries(API_OPERATIONS)) paths[openApiPath(path)] = ops;
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'voyager ui',
      version: '1',
      description:
        'The JSON API of `voyager ui`: assets, graph, runs, logs, launch and the marts of the dashboards.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  });
  return cached;
}
