/**
 * The built web app over real HTTP (app.inject on a dist folder of our own): precompressed brotli or gzip chosen
 * by Accept-Encoding (identity otherwise) with Vary, hashed assets cached for a year as immutable, the pages
 * revalidated, a missing asset a 404 (never the page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { createTestEnv, type TestEnv } from '../test/harness.ts';

const script = `console.log(${JSON.stringify('安网 '.repeat(400))});\n`;
const page = (name: string) => `<!doctype html><html><head><title>${name}</title><script type="module" src="/assets/main-Ab12Cd34.js"></script></head><body>${' '.repeat(2000)}</body></html>`;
let env: TestEnv;
let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  env = await createTestEnv();
  dist = mkdtempSync(join(tmpdir(), 'anwang-dist-'));
  mkdirSync(join(dist, 'assets'));
  const put = (name: string, text: string) => {
    writeFileSync(join(dist, name), text);
    writeFileSync(join(dist, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${name}.gz`), gzipSync(text));
  };
  put('index.html', page('staff'));
  put('report.html', page('resident'));
  put('field.html', page('field'));
  put('field-sw.js', script);
  put('assets/main-Ab12Cd34.js', script);
  app = await buildApp(env.ctx, { logLevel: 'silent', webDist: dist });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('the web app is sent compressed', () => {
  it('as brotli when the browser accepts it, with Vary and the right type', async () => {
    const res = await get('/assets/main-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5);
  });

  it('as gzip when brotli is not accepted', async () => {
    const res = await get('/assets/main-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(script);
  });

  it('as is when the client accepts no encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const res = await get('/assets/main-Ab12Cd34.js', headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(script);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    }
  });

  it('the pages too, for every path of the single-page app', async () => {
    for (const [url, title] of [['/', 'staff'], ['/login', 'staff'], ['/cases/632221-7KQ2M9XF', 'staff'], ['/report', 'resident'], ['/track/632221-7KQ2M9XF', 'resident'], ['/field', 'field'], ['/field/', 'field'], ['/field/tasks', 'field'], ['/fieldwork', 'staff']] as const) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toContain(`<title>${title}</title>`);
    }
  });
});

describe('caching', () => {
  it('keeps hashed assets a year, immutable, also when revalidated', async () => {
    const res = await get('/assets/main-Ab12Cd34.js', { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await get('/assets/main-Ab12Cd34.js', { 'accept-encoding': 'br', 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the pages revalidated, so a new build is seen at once', async () => {
    for (const url of ['/', '/index.html', '/cases', '/report', '/report.html', '/field', '/field.html']) {
      expect((await get(url, { 'accept-encoding': 'gzip' })).headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('has the field app’s service worker revalidated too, so an update is found at the next check', async () => {
    const res = await get('/field-sw.js', { 'accept-encoding': 'br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await get('/assets/main-OldBuild.js', { 'accept-encoding': 'br' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.headers['cache-control']).not.toMatch(/immutable/);
  });
});
