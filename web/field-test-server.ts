/**
 * A small field API over real HTTP for the sync engine's tests: stores records by id, replays an Idempotency-Key's
 * first answer (as server/http/idempotent.ts does), and can be told how to answer the next requests: commit and then
 * cut the connection (the answer is lost), 401, 409 stale, 422, 500. It lives outside web/src because the app's
 * code may not use Node built-ins (eslint fence).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** How the server treats one request. */
export type Behaviour = 'ok' | 'drop' | 'unauthorized' | 'stale' | 'invalid' | 'error';

/** A request as the server saw it. */
export interface Seen {
  method: string;
  path: string;
  key: string | undefined;
  replay: boolean;
}

/** The running server: what it holds and saw, and a hook deciding each request's behaviour. */
export interface TestServer {
  url: string;
  /** Committed records by id (a second insert of an id would show as a count above one). */
  stored: Map<string, { path: string; body: unknown; count: number; bytes?: number }>;
  seen: Seen[];
  behave: (method: string, path: string) => Behaviour;
  /** Forgets everything (records, keys, requests) and answers 'ok' again. */
  reset(): void;
  close(): Promise<void>;
}

async function read(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startTestServer(): Promise<TestServer> {
  const keys = new Map<string, { status: number; body: unknown }>();
  const t: TestServer = {
    url: '', stored: new Map(), seen: [], behave: () => 'ok', close: async () => undefined,
    reset() {
      t.stored.clear();
      t.seen.length = 0;
      keys.clear();
      t.behave = () => 'ok';
    },
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const path = req.url!.split('?')[0]!;
    const key = req.headers['idempotency-key'] as string | undefined;
    const send = (status: number, body: unknown, replay = false) => {
      res.writeHead(status, { 'content-type': 'application/json', ...(replay ? { 'idempotent-replay': 'true' } : {}) });
      res.end(JSON.stringify(body));
    };
    const prior = key ? keys.get(key) : undefined;
    t.seen.push({ method: req.method!, path, key, replay: !!prior });
    if (prior) return send(prior.status, prior.body, true);
    const behaviour = t.behave(req.method!, path);
    if (behaviour === 'unauthorized') return send(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期', details: [] } });
    if (behaviour === 'invalid') return send(422, { error: { code: 'VALIDATION', message: '走访对象不存在', details: [] } });
    if (behaviour === 'error') return send(500, { error: { code: 'INTERNAL', message: '服务器出错', details: [] } });
    if (behaviour === 'stale') return send(409, { error: { code: 'CONFLICT', message: '记录已被他人修改，请刷新后重试', details: [{ path: 'body.version', code: 'stale', message: '记录已被他人修改', current: { id: 'h1', version: 5, address: '城关镇 2 号' } }] } });
    let id: string;
    let body: unknown;
    let bytes: number | undefined;
    if (req.method === 'PUT') {
      id = decodeURIComponent(path.split('/').pop()!);
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': req.headers['content-type']! } }).formData();
      const file = form.get('file') as Blob;
      bytes = file.size;
      body = { id, owner: new URL(req.url!, 'http://x').searchParams.get('owner') };
    } else {
      body = JSON.parse(raw.toString() || '{}');
      id = (body as { id?: string }).id ?? key!;
    }
    const had = t.stored.get(id);
    t.stored.set(id, { path, body, count: (had?.count ?? 0) + 1, bytes });
    const answer = { id, ...(path.endsWith('/findings') ? { caseCode: `632221-${id.slice(0, 4).toUpperCase()}` } : {}) };
    if (key) keys.set(key, { status: 201, body: answer });
    // Committed, then the connection is cut before the answer leaves: the client never learns it succeeded.
    if (behaviour === 'drop') return req.socket.destroy();
    send(201, answer);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  t.close = () => new Promise((r) => server.close(() => r()));
  return t;
}
