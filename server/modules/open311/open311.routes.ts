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
import { Open311ApiKey, Open311CreateBody, Open311RequestsQuery, Open311UpdatesQuery } from '../../../core/schemas/open311.schema.ts';
import * as svc from './open311.service.ts';
import { perToken } from '../../http/route-config.ts';
import { idempotent } from '../../http/idempotent.ts';
import { parseInput } from '../../http/parse-input.ts';
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
      const q = parseInput(Open311RequestsQuery, req.query, 'query');
      const rows = await svc.requests(ctx, { ids: q.service_request_id, serviceCode: q.service_code, start: q.start_date, end: q.end_date, status: q.status, page: q.page, pageSize: q.page_size });
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
      const q = parseInput(Open311UpdatesQuery, req.query, 'query');
      return send(reply, formatOf(req), 'updates', await svc.updates(ctx, q.start_date, q.end_date));
    });
    o.post('/requests.:format', { config: { access: { auth: 'public', queryToken: 'api_key' }, rateLimit: perToken(ctx.config.rateLimits.token) }, schema: { tags: ['open311'], summary: 'Create a service request (api_key = an integration token; honours Idempotency-Key)' } }, async (req, reply) => {
      const format = formatOf(req);
      const raw = (req.body ?? {}) as Record<string, unknown>;
      // The key first: a request without a valid token is refused as 403 whatever else its body holds.
      const apiKey = parseInput(Open311ApiKey, raw, 'body').api_key ?? parseInput(Open311ApiKey, req.query, 'query').api_key;
      if (!apiKey) throw new AppError('FORBIDDEN');
      const actor = { ...(await resolveToken(ctx, apiKey).catch(() => { throw new AppError('FORBIDDEN'); })), ip: req.ip };
      const b = parseInput(Open311CreateBody, raw, 'body');
      const input = { channel: 'open311' as const, categoryId: b.service_code, description: b.description.slice(0, 2000), lat: b.lat, lng: b.long, address: b.address_string?.slice(0, 200), reporterName: [b.last_name, b.first_name].filter(Boolean).join('') || undefined, reporterPhone: b.phone, uploadIds: [] };
      const asOpen311 = (code: string) => [{ service_request_id: code, service_notice: null, account_id: null }];
      // The stored result is the intake's own answer; it carries the code. The key's fingerprint leaves the token out.
      return idempotent(ctx, req, reply, `token:${actor.id}`, 201, (ticket) => createCase(ctx, actor, input, ticket), (stored) => stored, {
        fingerprint: { open311: { ...raw, api_key: undefined } },
        send: (r, status, body) => send(r, format, 'requests', asOpen311((body as { code: string }).code), status),
      });
    });
  }, { prefix: '/open311/v2' });
}
