import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * The built web app: its files, and `index.html` for every other GET (client-side routes). Bundle
 * files carry a content hash in their name (Vite), so the browser keeps them for a year and
 * never asks again; everything is gzip-compressed.
 */
export function staticRoutes(dir: string): Hono {
  const r = new Hono();
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  r.use('*', compress());
  r.use('/static/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  r.use('/static/*', serveStatic({ root: dir }));
  r.use('/favicon.svg', serveStatic({ root: dir }));
  r.get('*', (c) => c.html(index));
  return r;
}
