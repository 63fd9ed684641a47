/** The drop proxy itself (e2e/drop-proxy.ts): a dropped answer reached the server, a held one waits for release, everything else passes. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropProxy, type DropProxy } from '../e2e/drop-proxy.ts';

let upstream: http.Server;
let proxy: DropProxy;
const seen: string[] = [];
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (req.url === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n');
        setTimeout(() => res.end('data: two\n\n'), 50);
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': 'a=1' });
      res.end(JSON.stringify({ got: body }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  proxy = await startDropProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy?.stop();
  await new Promise((r) => upstream?.close(r));
});

const post = (path: string, body: string) => fetch(`${proxy.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('drop proxy', () => {
  it('passes answers through whole, headers included', async () => {
    const res = await post('/api/x?q=1', 'hello');
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBe('a=1');
    expect(await res.json()).toEqual({ got: 'hello' });
  });

  it('loses the next n matching answers after the server got the request, and only those', async () => {
    proxy.dropNext((m, p) => m === 'POST' && p === '/api/drop', 2);
    await expect(post('/api/drop', 'one')).rejects.toThrow();
    expect((await post('/api/other', 'between')).status).toBe(201);
    await expect(post('/api/drop', 'two')).rejects.toThrow();
    expect((await post('/api/drop', 'three')).status).toBe(201);
    expect(seen.filter((s) => s.startsWith('POST /api/drop'))).toEqual(['POST /api/drop one', 'POST /api/drop two', 'POST /api/drop three']);
    expect(proxy.dropped()).toBe(2);
  });

  it('holds an answer until released', async () => {
    const hold = proxy.hold((_m, p) => p === '/api/held');
    let done = false;
    const pending = post('/api/held', 'wait').then((r) => ((done = true), r));
    await hold.caught;
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    expect(seen.at(-1)).toBe('POST /api/held wait');
    hold.release();
    expect((await pending).status).toBe(201);
  });

  it('pipes an event stream as it comes', async () => {
    const res = await fetch(`${proxy.url}/events`);
    expect(await res.text()).toBe('data: one\n\ndata: two\n\n');
  });
});
