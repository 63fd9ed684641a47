/**
 * Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, requests (GET and POST
 * with an integration token as api_key), tokens, and mySociety's servicerequestupdates. Every endpoint
 * answers .json or .xml; errors are [{code, description}] with 400, 403 or 404 as the spec says.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessage } from '../../../core/errors.ts';
import type { AppContext } from '../../lib/context.ts';
import { resolveToken } from '../tokens/tokens.service.ts';
import { createCase } from '../cases/case-intake.service.ts';
import { claimKey, releaseKey } from '../idempotency/idempotency.service.ts';
import * as svc from './open311.service.ts';
import { perToken } from '../../http/route-config.ts';
import { toXml } from './open311.mapping.ts';

type Format = 'json' | 'xml';
const roots: Record<string, [string, string | null]> = {
  discovery: ['discovery', null],
  services: ['services', 'service'],
  definition: ['service_definition', null],
  requests: ['service_requests', 'request'],
  updates: ['service_request_updates', 'request_update'],
  errors: ['errors', 'error'],
};

function send(reply: FastifyReply, format: Format, kind: keyof typeof roots, body: unknown, status = 200) {
  reply.code(status);
  if (format === 'xml') return reply.header('content-type', 'text/xml; charset=utf-8').send(toXml(roots[kind]![0], roots[kind]![1], body));
  return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

function formatOf(req: FastifyRequest): Format {
  const f = (req.params as { format?: string }).format;
  if (f !== 'json' && f !== 'xml') throw new AppError('NOT_FOUND');
  return f;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Array.isArray(v) ? String(v[0]) : undefined);
function date(v: unknown, name: string): Date | undefined {
  const s = str(v);
  if (!s) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', [{ path: name, code: 'bad_date', message: `${name} must be ISO 8601 (w3c)` }]);
  return d;
}
function int(v: unknown, name: string, def: number, max: number): number {
  const s = str(v);
  if (s === undefined) return def;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('VALIDATION_FAILED', [{ path: name, code: 'bad_number', message: `${name} must be 1–${max}` }]);
  return n;
}

/** Registers the Open311 endpoints in their own scope (their own error shape and body parsers). */
export function open311Routes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (o) => {
    o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 200_000 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    o.setErrorHandler((err: Error, req, reply) => {
      const format: Format = (req.params as { format?: string })?.format === 'xml' ? 'xml' : 'json';
      const httpStatus = (err as { statusCode?: number }).statusCode;
      const code = err instanceof AppError ? err.code : httpStatus === 429 ? 'RATE_LIMITED' : httpStatus && httpStatus < 500 ? 'VALIDATION_FAILED' : 'INTERNAL';
      const status = code === 'NOT_FOUND' || code === 'LOCATION_OUTSIDE_GRIDS' ? 404 : code === 'AUTH_REQUIRED' || code === 'FORBIDDEN' ? 403 : code === 'INTERNAL' ? 500 : code === 'IDEMPOTENCY_IN_FLIGHT' ? 409 : code === 'RATE_LIMITED' ? 429 : 400;
      if (code === 'INTERNAL') req.log.error({ err: { type: err.name } }, 'open311 error');
      const details = err instanceof AppError && err.details.length ? ': ' + err.details.map((d) => `${d.path} ${d.message}`).join('; ') : '';
      return send(reply, format, 'errors', [{ code: status, description: errorMessage(code, req.locale ?? 'zh-CN') + details }], status);
    });
    o.setNotFoundHandler((req, reply) => send(reply, req.url.includes('.xml') ? 'xml' : 'json', 'errors', [{ code: 404, description: 'not found' }], 404));
    const pub = { access: { auth: 'public' as const } };

    o.get('/discovery.:format', { config: pub, schema: { tags: ['open311'], summary: 'GeoReport v2 discovery' } }, async (req, reply) => {
      // From configuration only: a forged Host or X-Forwarded-* header must not steer clients elsewhere.
      // Without ANWANG_PUBLIC_URL the URL is relative to the discovery document's own address.
      const base = `${ctx.config.publicUrl}/open311/v2/`;
      return send(reply, formatOf(req), 'discovery', {
        changeset: '2026-11-24T00:00:00Z',
        contact: '本系统管理员 (the operator of this Anwang installation)',
        key_service: 'npx anwang token create --name N --scope CODE',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: '2026-11-24T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
      });
    });
    o.get('/services.:format', { config: pub, schema: { tags: ['open311'], summary: 'Services (public categories)' } }, async (req, reply) => send(reply, formatOf(req), 'services', await svc.services(ctx)));
    o.get('/services/:code.:format', { config: pub, schema: { tags: ['open311'], summary: 'Service definition' } }, async (req, reply) =>
      send(reply, formatOf(req), 'definition', await svc.serviceDefinition(ctx, (req.params as { code: string }).code)),
    );
    o.get('/requests.:format', { config: pub, schema: { tags: ['open311'], summary: 'Service requests (public cases)' } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const status = str(q.status);
      if (status && status !== 'open' && status !== 'closed') throw new AppError('VALIDATION_FAILED', [{ path: 'status', code: 'bad_status', message: 'status is open or closed' }]);
      const ids = str(q.service_request_id)?.split(',').map((s) => s.trim()).filter(Boolean);
      const rows = await svc.requests(ctx, { ids, serviceCode: str(q.service_code), start: date(q.start_date, 'start_date'), end: date(q.end_date, 'end_date'), status: status as 'open' | 'closed' | undefined, page: int(q.page, 'page', 1, 100_000), pageSize: int(q.page_size, 'page_size', 50, 200) });
      return send(reply, formatOf(req), 'requests', rows);
    });
    o.get('/requests/:id.:format', { config: pub, schema: { tags: ['open311'], summary: 'One service request' } }, async (req, reply) => {
      const rows = await svc.requests(ctx, { ids: [(req.params as { id: string }).id], page: 1, pageSize: 1 });
      if (!rows.length) throw new AppError('NOT_FOUND');
      return send(reply, formatOf(req), 'requests', rows);
    });
    o.get('/tokens/:token.:format', { config: pub, schema: { tags: ['open311'], summary: 'Token lookup (requests are created at once, so no token is ever pending)' } }, async () => {
      throw new AppError('NOT_FOUND');
    });
    o.get('/servicerequestupdates.:format', { config: pub, schema: { tags: ['open311'], summary: "mySociety's servicerequestupdates extension" } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      return send(reply, formatOf(req), 'updates', await svc.updates(ctx, date(q.start_date, 'start_date'), date(q.end_date, 'end_date')));
    });
    o.post('/requests.:format', { config: { access: { auth: 'public', queryToken: 'api_key' }, rateLimit: perToken(ctx.config.rateLimits.token) }, schema: { tags: ['open311'], summary: 'Create a service request (api_key = an integration token; honours Idempotency-Key)' } }, async (req, reply) => {
      const format = formatOf(req);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const apiKey = str(b.api_key) ?? str((req.query as Record<string, unknown>).api_key);
      if (!apiKey) throw new AppError('FORBIDDEN');
      const actor = { ...(await resolveToken(ctx, apiKey).catch(() => { throw new AppError('FORBIDDEN'); })), ip: req.ip };
      const lat = Number(str(b.lat)), lng = Number(str(b.long));
      if (!str(b.service_code)) throw new AppError('VALIDATION_FAILED', [{ path: 'service_code', code: 'required', message: 'service_code is required' }]);
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new AppError('VALIDATION_FAILED', [{ path: 'lat', code: 'required', message: 'lat and long are required (address_string alone is not accepted)' }]);
      const description = str(b.description)?.trim();
      if (!description) throw new AppError('VALIDATION_FAILED', [{ path: 'description', code: 'required', message: 'description is required' }]);
      const input = { channel: 'open311' as const, categoryId: str(b.service_code)!, description: description.slice(0, 2000), lat, lng, address: str(b.address_string)?.slice(0, 200), reporterName: [str(b.last_name), str(b.first_name)].filter(Boolean).join('') || undefined, reporterPhone: str(b.phone), uploadIds: [] };
      const asOpen311 = (code: string) => [{ service_request_id: code, service_notice: null, account_id: null }];
      const key = req.headers['idempotency-key'];
      let ticket;
      if (typeof key === 'string') {
        const claim = await claimKey(ctx, `token:${actor.id}`, key, { open311: { ...b, api_key: undefined } });
        // The stored result is the intake's own answer; it carries the code.
        if ('replay' in claim) return send(reply, format, 'requests', asOpen311((claim.replay.body as { code: string }).code), 201);
        ticket = claim.ticket;
      }
      try {
        const created = await createCase(ctx, actor, input, ticket);
        return send(reply, format, 'requests', asOpen311(created.code), 201);
      } catch (e) {
        if (ticket) await releaseKey(ctx, ticket);
        throw e;
      }
    });
  }, { prefix: '/open311/v2' });
}
