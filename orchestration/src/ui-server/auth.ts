import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Name of the HTTP-only session cookie set by the sign-in page. */
export const SESSION_COOKIE = 'voyager_ui_session';

/** Thrown when the UI would be reachable from other machines without a token. */
export class UiConfigError extends Error {
  readonly usage = true;
  constructor(message: string) {
    super(message);
    this.name = 'UiConfigError';
  }
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Checks that a non-loopback bind has a token. @throws UiConfigError naming the variable.
 */
export function requireTokenFor(host: string, token: string | undefined): void {
  if (!isLoopback(host) && (token === undefined || token === '')) {
    throw new UiConfigError(
      `voyager ui binds to ${host}, reachable from other machines: set VOYAGER_UI_TOKEN (a long random secret) to require sign-in`,
    );
  }
}

const sessionValue = (token: string): string =>
  createHmac('sha256', token).update('voyager-ui-session-v1').digest('hex');

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const page = (error: string | undefined): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Voyager</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#111;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;display:grid;gap:.75rem;min-width:min(20rem,90vw)}
input,button{font:inherit;padding:.5rem}button{background:#1d4ed8;color:#fff;border:0;border-radius:4px;cursor:pointer}
.err{color:#b91c1c}</style></head>
<body><main><form method="post" action="/signin"><h1>Voyager</h1>
<label for="token">Access token (VOYAGER_UI_TOKEN)</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
${error ? `<p class="err" role="alert">${error}</p>` : ''}<button type="submit">Sign in</button></form></main></body></html>`;

/**
 * Adds sign-in to `app` when `token` is set: `GET/POST /signin` (sets an HTTP-only, SameSite=Strict
 * cookie holding an HMAC of the token, never the token), and a guard that answers 401 JSON under
 * `/api` and redirects pages to `/signin`. `Authorization: Bearer <token>` works for scripts.
 */
export function installAuth(app: Hono, token: string | undefined): void {
  if (token === undefined || token === '') return;
  const expected = sessionValue(token);
  app.get('/signin', (c) => c.html(page(undefined)));
  app.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    const given = typeof body.token === 'string' ? body.token : '';
    if (!same(sessionValue(given), expected)) return c.html(page('Wrong token.'), 401);
    setCookie(c, SESSION_COOKIE, expected, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });
  const guard: MiddlewareHandler = async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const bearer = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (
      (cookie !== undefined && same(cookie, expected)) ||
      (bearer !== undefined && same(sessionValue(bearer), expected))
    ) {
      await next();
      return;
    }
    if (c.req.path.startsWith('/api')) return c.json({ error: 'sign in first (VOYAGER_UI_TOKEN)' }, 401);
    return c.redirect('/signin', 303);
  };
  app.use('*', guard);
}
