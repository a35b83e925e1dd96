import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, requireTokenFor, UiConfigError } from '../../src/ui-server/auth.js';
import { FIXTURE_PROJECT, startUiTestServer, type UiTestServer } from './ui-test-server.js';

const TOKEN = 'test-token-0123456789abcdef';
let s: UiTestServer;

beforeAll(async () => {
  s = await startUiTestServer({ token: TOKEN });
});
afterAll(async () => {
  await s?.close();
});

const signIn = (token: string) =>
  fetch(`${s.url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });

describe('voyager ui sign-in', () => {
  it('refuses a non-loopback bind without VOYAGER_UI_TOKEN, in one line naming the variable', () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost')).toBe(true);
    expect(() => requireTokenFor('127.0.0.1', undefined)).not.toThrow();
    expect(() => requireTokenFor('0.0.0.0', '')).toThrow(UiConfigError);
    expect(() => requireTokenFor('0.0.0.0', undefined)).toThrow(/VOYAGER_UI_TOKEN/);
    expect(() => requireTokenFor('192.168.1.5', TOKEN)).not.toThrow();
  });

  it('voyager ui --host 0.0.0.0 exits 2 before starting anything when no token is set', () => {
    const bin = fileURLToPath(new URL('../../bin/voyager.js', import.meta.url));
    const { VOYAGER_UI_TOKEN: _t, ...env } = process.env;
    const res = spawnSync(process.execPath, [bin, 'ui', '--host', '0.0.0.0', '--port', '0'], {
      cwd: FIXTURE_PROJECT,
      env: { ...env, VOYAGER_HOME: s.runtime.config.home, VOYAGER_LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/binds to 0\.0\.0\.0.*set VOYAGER_UI_TOKEN/);
  });

  it('answers 401 to the API and redirects pages to the sign-in page without a session', async () => {
    const api = await fetch(`${s.url}/api/assets`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'sign in first (VOYAGER_UI_TOKEN)' });
    const page = await fetch(`${s.url}/lineage`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/signin');
    const form = await (await fetch(`${s.url}/signin`)).text();
    expect(form).toContain('<label for="token">');
  });

  it('rejects a wrong token and sets an HTTP-only cookie (not the token) for the right one', async () => {
    const wrong = await signIn('nope');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await signIn(TOKEN);
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const api = await fetch(`${s.url}/api/assets`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(api.status).toBe(200);
    const bearer = await fetch(`${s.url}/api/assets`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).toBe(200);
    const forged = await fetch(`${s.url}/api/assets`, { headers: { cookie: 'voyager_ui_session=abc' } });
    expect(forged.status).toBe(401);
  });
});
