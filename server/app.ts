/** Builds the Fastify application around an AppContext (no socket: tests use inject()). */
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from './lib/context.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { installWebApp } from './http/static-web.ts';
import { installAuthHook } from './http/auth-hook.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installBodyGuard } from './http/body-guard.ts';
import { healthRoute } from './http/health.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { demoAccountsExist } from './modules/auth/auth.service.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { gridRoutes } from './modules/grids/grids.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { tokenRoutes } from './modules/tokens/tokens.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { databaseRateStore } from './http/rate-limit-store.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { publicRoutes } from './modules/cases/public.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { codeRoutes } from './modules/codes/codes.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { dwellingRoutes } from './modules/people/dwellings.routes.ts';
import { notificationRoutes } from './modules/outbox/notifications.routes.ts';
import { uploadRoutes } from './modules/uploads/uploads.routes.ts';
import { open311Routes } from './modules/open311/open311.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { petitionRoutes } from './modules/petitions/petitions.routes.ts';
import { mediationRoutes } from './modules/mediation/mediation.routes.ts';
import { fieldRoutes } from './modules/field/field.routes.ts';
// ── Session 11, helper T: visit tasks, coverage, the field app's device copy ──
import { fieldTaskRoutes } from './modules/field-tasks/field-tasks.routes.ts';

const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');
export const version = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteOptions[];
  }
}

export interface BuildOptions {
  /** Log level for Fastify's logger; 'silent' in tests. */
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them to check for personal data. */
  logStream?: { write(line: string): void };
  /** The built web app's folder (default web/dist); tests point it at a folder of their own. */
  webDist?: string;
}

/** The HTTP app: API, OpenAPI, and the built web app when present. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? ctx.config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      // No personal data in logs: the route pattern, never the URL with its query (locations, names).
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    // X-Forwarded-For is believed only from the configured proxies (ANWANG_TRUST_PROXY); otherwise anyone could
    // choose the address that per-IP limits and audit rows see.
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    // JSON and form bodies are small; uploads and imports are multipart with their own limits.
    bodyLimit: ctx.config.bodyLimit,
  });
  // Every route is recorded so tests can walk the whole table (e.g. the scope test).
  const routeTable: RouteOptions[] = [];
  app.decorate('routeTable', routeTable);
  // JSON bodies larger than the default only where the data needs it (a year's calendar CSV, a 2,000-item code table).
  const largerBodies: Record<string, number> = { 'POST /api/calendar/import': 1024 * 1024, 'POST /api/code-tables': 1024 * 1024 };
  app.addHook('onRoute', (route) => {
    const larger = largerBodies[`${String(route.method)} ${route.url}`];
    if (larger && !route.bodyLimit) route.bodyLimit = Math.max(larger, ctx.config.bodyLimit);
    routeTable.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSecurityHeaders(app, ctx.config);
  installBodyGuard(app, ctx.config.bodyLimit);
  await app.register(cookie);
  // Limits are per route (config.rateLimit). Per-IP limits run on request, before the body is read or parsed;
  // per-token limits (a token in the body counts) run after parsing, the plugin's default set here.
  // On a server database the counters are rows, so several server processes share each limit; PGlite is one process.
  await app.register(rateLimit, { global: false, hook: 'preHandler', ...(ctx.database.kind === 'postgres' ? { store: databaseRateStore(ctx.db) } : {}) });
  // One file per request, at most 10 MB (the per-type limits are checked again by content).
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anwang 安网 API', description: '基层社会治理平台接口。Errors are `{error:{code,message,details}}` with the codes of core/errors.ts.', version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anwang_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installErrorHandler(app);
  installAuthHook(app, ctx);

  healthRoute(app, ctx, version);
  app.get('/api/openapi.json', { config: { access: { auth: 'public' } }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/config', { config: { access: { auth: 'public' } }, schema: { tags: ['system'], summary: '前端配置 Public client settings' } }, async () => ({
    tileUrl: ctx.config.tileUrl,
    tileAttribution: ctx.config.tileAttribution,
    version,
    // The sign-in page shows the demo password only where the demo accounts exist.
    demo: await demoAccountsExist(ctx),
  }));

  authRoutes(app, ctx);
  regionRoutes(app, ctx);
  gridRoutes(app, ctx);
  userRoutes(app, ctx);
  tokenRoutes(app, ctx);
  auditRoutes(app, ctx);
  caseRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  publicRoutes(app, ctx);
  catalogRoutes(app, ctx);
  codeRoutes(app, ctx);
  peopleRoutes(app, ctx);
  dwellingRoutes(app, ctx);
  notificationRoutes(app, ctx);
  open311Routes(app, ctx);
  uploadRoutes(app, ctx);
  documentRoutes(app, ctx);
  petitionRoutes(app, ctx);
  mediationRoutes(app, ctx);
  // ── Session 11, helper T ──
  fieldTaskRoutes(app, ctx);
  // ── Session 11, helper S: field records ──
  fieldRoutes(app, ctx);

  await installWebApp(app, opts.webDist ?? webDist);
  return app;
}
