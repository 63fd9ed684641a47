/**
 * A fault-injecting HTTP proxy for the field tests: it forwards every request to the server and can lose an
 * answer AFTER the server committed (the whole upstream answer is read, then the client's socket is destroyed),
 * or keep an answer back until the test releases it. It works at the network level, so it also sees what a
 * service worker sends (Playwright's page.route does not). Event streams are piped through untouched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which requests a rule applies to (`path` is the URL path without the query). */
export type Match = (method: string, path: string) => boolean;

/** A held answer: `caught` resolves when a matching request's answer is held; `release()` sends it on. */
export interface Hold {
  caught: Promise<void>;
  release(): void;
}

/** A running proxy. */
export interface DropProxy {
  url: string;
  /** Loses the answers of the next `n` matching requests after the server answered them. */
  dropNext(match: Match, n: number): void;
  /** Keeps back the answer of the next matching request until `release()`. */
  hold(match: Match): Hold;
  /** How many answers were dropped so far. */
  dropped(): number;
  stop(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `upstreamUrl`. */
export async function startDropProxy(upstreamUrl: string): Promise<DropProxy> {
  const upstream = new URL(upstreamUrl);
  const drops: { match: Match; left: number }[] = [];
  const holds: { match: Match; gate: Promise<void>; caught: () => void }[] = [];
  let droppedCount = 0;
  const take = <T extends { match: Match }>(list: T[], method: string, path: string): T | undefined => list.find((r) => r.match(method, path));

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const drop = take(drops, method, path);
    if (drop && --drop.left <= 0) drops.splice(drops.indexOf(drop), 1);
    const hold = drop ? undefined : take(holds, method, path);
    if (hold) holds.splice(holds.indexOf(hold), 1);
    const up = http.request({ host: upstream.hostname, port: upstream.port, method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (upRes) => {
      if (!drop && !hold && String(upRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        if (drop) {
          droppedCount++;
          req.socket.destroy(); // the server committed and answered; the client never hears it
          return;
        }
        const send = () => {
          if (res.destroyed || req.socket.destroyed) return;
          const body = Buffer.concat(chunks);
          const headers = { ...upRes.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(upRes.statusCode ?? 502, headers);
          res.end(body);
        };
        if (hold) {
          hold.caught();
          void hold.gate.then(send);
        } else send();
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropNext(match, n) {
      drops.push({ match, left: n });
    },
    hold(match) {
      let release!: () => void;
      let caught!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const caughtP = new Promise<void>((r) => (caught = r));
      holds.push({ match, gate, caught });
      return { caught: caughtP, release };
    },
    dropped: () => droppedCount,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
