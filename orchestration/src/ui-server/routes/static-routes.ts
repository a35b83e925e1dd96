import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** The built web app: its files, and `index.html` for every other GET (client-side routes). */
export function staticRoutes(dir: string): Hono {
  const r = new Hono();
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  r.use('/static/*', serveStatic({ root: dir }));
  r.use('/favicon.svg', serveStatic({ root: dir }));
  r.get('*', (c) => c.html(index));
  return r;
}
