/// <reference lib="webworker" />
/**
 * The field app's service worker (built by vite-plugin-pwa's injectManifest into /field-sw.js, scope /field): the
 * field page and its scripts, styles and icons precached, so the app opens offline; /field/* navigations answered
 * with field.html from the cache; the Tibetan font kept once used. /api is never cached: personal data is no-store,
 * and records reach the server only through the outbox.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare let self: ServiceWorkerGlobalScope;

// Prompt mode: a new version waits until the page says the worker chose to update (no form open with input).
self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install controls the open page at once (it can go offline right after); an update still waits.
clientsClaim();
registerRoute(new NavigationRoute(createHandlerBoundToURL('field.html'), { allowlist: [/^\/field(\/|$)/] }));
// The Tibetan font: fetched only when Tibetan text is drawn (unicode-range), then kept for offline use.
registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.ttf'), new CacheFirst({ cacheName: 'anwang-field-fonts' }));
