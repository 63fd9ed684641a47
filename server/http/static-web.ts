/**
 * The built web app (web/dist): hashed assets and the three pages, sent precompressed (brotli, else gzip, else as
 * is) by the client's Accept-Encoding, and the single-page app's paths answered with its page. Caching is set by
 * the security-headers hook: /assets/ files are immutable (their names change with their content), the pages
 * `no-cache` so a new build's asset names are seen at once.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendError } from './error-handler.ts';

/** Serves the web app from `dist` when it has been built; otherwise only the API's not-found answer. */
export async function installWebApp(app: FastifyInstance, dist: string): Promise<void> {
  const hasWeb = existsSync(join(dist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: 'index.html',
      preCompressed: true,
      // Cache-Control comes from the security-headers hook (one place for every answer's caching).
      cacheControl: false,
      // One URL has several encodings: caches must key on Accept-Encoding.
      setHeaders: (res) => res.setHeader('vary', 'Accept-Encoding'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    // A missing asset (an old build's chunk) is a 404, never the page: the browser would run HTML as a script.
    if (!hasWeb || req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/assets/')) return sendError(reply, 'NOT_FOUND', req.locale ?? 'zh-CN');
    // The resident pages (/report, /track/<code>) and the field app (/field) are their own small entries; staff
    // pages the main one.
    return reply.sendFile(/^\/(report|track)(\/|$)/.test(path) ? 'report.html' : /^\/field(\/|$)/.test(path) ? 'field.html' : 'index.html');
  });
}
