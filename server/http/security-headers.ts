/**
 * Security headers on every answer, from one onSend hook: a Content-Security-Policy that runs only our own
 * scripts (an injected `<img onerror>` or inline script does nothing), no framing, no MIME sniffing, no referrer
 * (the tracking link can carry a secret), optional HSTS, and `Cache-Control: no-store` on every /api and
 * /open311 answer (personal data: a reveal must never sit in a shared or browser cache). Hashed static assets
 * under /assets/ stay cacheable.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/** The origin (scheme://host[:port]) of a tile URL template, or null when it has none usable in a CSP. */
export function tileOrigin(tileUrl: string): string | null {
  // Templates hold {s}/{z}/{x}/{y}; the origin may hold {s} (subdomains): that becomes a wildcard host.
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!m) return null;
  const host = m[2]!.replace(/\{s\}/g, '*');
  // Anything but host characters (quotes, spaces, semicolons) could inject a directive: refuse it.
  if (!/^[A-Za-z0-9.*:[\]-]+$/.test(host)) return null;
  return `${m[1]!.toLowerCase()}://${host}`;
}

/** The Content-Security-Policy for the configured tile host. */
export function contentSecurityPolicy(config: Pick<Config, 'tileUrl'>): string {
  const tiles = tileOrigin(config.tileUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Ant Design 6 writes its CSS-in-JS into <style> elements, and Leaflet sets inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Installs the hook that sets the security headers on every answer. */
export function installSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'tileUrl' | 'hsts'>): void {
  const csp = contentSecurityPolicy(config);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), geolocation=(self)');
    if (config.hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path.startsWith('/open311/') || path === '/healthz') reply.header('cache-control', 'no-store');
    // A revalidation (304) keeps the same promise: the name changes with the content.
    else if (path.startsWith('/assets/') && (reply.statusCode === 200 || reply.statusCode === 304)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    // The pages themselves (index.html, report.html) must be revalidated so a new build's asset names are seen.
    else if (!reply.getHeader('cache-control') || String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('cache-control', 'no-cache');
    return payload;
  });
}
