import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { API_OPERATIONS, openApiPath } from '../../src/ui-server/openapi.js';
import { startUiTestServer, type UiTestServer } from './ui-test-server.js';

// The OpenAPI document at /api/openapi.json: generated from the zod schemas, it must name every
// route the app serves, and what the server answers must validate against it.
interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
}
let s: UiTestServer;
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  s = await startUiTestServer();
  doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as Doc;
});
afterAll(async () => {
  await s?.close();
});

/** Fetches `path` and validates the answer against the document's schema of `route` and status. */
async function expectValid(method: string, route: string, path: string, status: number, body?: unknown) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  expect(res.status, `${method} ${path}`).toBe(status);
  const schema =
    doc.paths[openApiPath(route)]?.[method.toLowerCase()]?.responses[String(status)]?.content?.[
      'application/json'
    ]?.schema;
  expect(schema, `${method} ${route} ${status} has a schema`).toBeDefined();
  const validate = ajv.compile(schema!);
  const json: unknown = await res.json();
  expect(validate(json), `${method} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe('OpenAPI document of voyager ui', () => {
  it('is OpenAPI 3.1 and names every route the app serves, and no other', () => {
    expect(doc.openapi).toBe('3.1.0');
    const served = s.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
    expect(Object.keys(API_OPERATIONS).map(openApiPath).sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it('is valid against the OpenAPI 3.1 meta-schema (bundled by @seriousme/openapi-schema-validator, offline)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // the check can fail: a document without `info` and with a response that is not an object
    const broken = structuredClone(doc) as Doc & { info?: unknown };
    delete broken.info;
    (broken.paths['/api/health']!.get!.responses as Record<string, unknown>)['200'] = 'ok';
    const refused = await new Validator().validate(broken as unknown as Record<string, unknown>);
    expect(refused.valid).toBe(false);
  });

  it('validates what every JSON route answers, errors included', async () => {
    const rs = s.runtime.runStorage;
    await rs.createRun({ runId: 'openapi-1', selection: '*' });
    await rs.recordEvent({
      runId: 'openapi-1',
      assetKey: 'raw/demo_activities',
      eventType: 'materialization',
      status: 'success',
      metadata: { rows: 3 },
    });
    await rs.recordEvent({
      runId: 'openapi-1',
      assetKey: 'raw/demo_activities',
      eventType: 'check',
      checkName: 'has_rows',
      status: 'success',
    });
    await rs.finishRun('openapi-1', 'success');
    const raw = encodeURIComponent('raw/demo_activities');
    await expectValid('GET', '/api/health', '/api/health', 200);
    await expectValid('GET', '/api/assets', '/api/assets', 200);
    await expectValid('GET', '/api/assets/:key', `/api/assets/${raw}`, 200);
    await expectValid('GET', '/api/assets/:key', `/api/assets/${encodeURIComponent('no/such')}`, 404);
    await expectValid(
      'GET',
      '/api/assets/:key/partitions',
      `/api/assets/${encodeURIComponent('landing/demo/readings')}/partitions`,
      200,
    );
    await expectValid('GET', '/api/assets/:key/partitions', `/api/assets/${raw}/partitions`, 404);
    await expectValid('GET', '/api/graph', '/api/graph', 200);
    await expectValid('GET', '/api/graph/layout', '/api/graph/layout', 200);
    await expectValid('GET', '/api/selection', '/api/selection?select=%2Braw%2Fdemo_activities', 200);
    await expectValid('GET', '/api/checks', '/api/checks', 200);
    await expectValid('GET', '/api/runs', '/api/runs?limit=5', 200);
    await expectValid('GET', '/api/runs/:id', '/api/runs/openapi-1', 200);
    await expectValid('GET', '/api/runs/:id', '/api/runs/nope', 404);
    await expectValid('GET', '/api/runs/:id/logs', '/api/runs/openapi-1/logs', 200);
    await expectValid('POST', '/api/runs/:id/cancel', '/api/runs/openapi-1/cancel', 409, {});
    await expectValid('POST', '/api/launch', '/api/launch', 400, { select: '*', from: '2026-01-01' });
    await expectValid('GET', '/api/marts/:name', '/api/marts/activities', 200);
    await expectValid('GET', '/api/marts/:name', '/api/marts/nope', 404);
    await expectValid('GET', '/api/activities/:id/streams', '/api/activities/42/streams?x=distance', 200);
    await expectValid('GET', '/api/activities/:id/streams', '/api/activities/4x2/streams', 400);
  });
});
