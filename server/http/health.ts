/**
 * /healthz: green only when the service can do its job — the database commits a write (a full disk or a read-only
 * standby still answers reads) and the file store accepts a file. A failing check answers 503 naming it, so a
 * load balancer stops sending reports that would fail. The write is one row, and at most one check runs per
 * second however often the endpoint is called.
 */
import type { FastifyInstance } from 'fastify';
import { writeHeartbeat } from '../db/heartbeat.ts';
import type { AppContext } from '../lib/context.ts';

export interface HealthResult {
  database: 'ok' | 'failing';
  storage: 'ok' | 'failing';
}

/** Runs both checks. Never throws: a failure is reported, with its error class only (no paths or values). */
export async function checkHealth(ctx: AppContext): Promise<HealthResult> {
  const [database, storage] = await Promise.all([
    writeHeartbeat(ctx.db, ctx.clock.now()).then(() => 'ok' as const, () => 'failing' as const),
    ctx.storage.checkWritable().then(() => 'ok' as const, () => 'failing' as const),
  ]);
  return { database, storage };
}

/** Registers GET /healthz. */
export function healthRoute(app: FastifyInstance, ctx: AppContext, version: string): void {
  let last: { at: number; result: Promise<HealthResult> } | null = null;
  app.get('/healthz', { config: { access: { auth: 'public' } }, schema: { hide: true } }, async (_req, reply) => {
    const now = Date.now();
    if (!last || now - last.at > 1000) last = { at: now, result: checkHealth(ctx) };
    const h = await last.result;
    const ok = h.database === 'ok' && h.storage === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'failing', database: ctx.database.kind, checks: h, grids: ctx.gridIndex.size, version });
  });
}
