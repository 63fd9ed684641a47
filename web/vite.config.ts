import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './precompress';
import { fieldAssets } from './field-assets';

// The field app's own files (filled during the build): the only assets its service worker precaches.
const field = fieldAssets();

// The staff web app. `npm run dev` proxies /api to a server on :3000; `npm run build` writes web/dist,
// which the server serves.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    field.plugin,
    // The field app's service worker (web/src/field/field-sw.ts → /field-sw.js, scope /field). Registered by the
    // field page itself (injectRegister false) and announced by its own manifest (manifest false), so the staff
    // app and the resident page get nothing injected. 'prompt': a new version waits for the worker's say-so.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/field',
      filename: 'field-sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      scope: '/field',
      injectManifest: {
        globPatterns: ['field.html', 'assets/**/*.{js,css}', 'field-icons/*.png', 'field.webmanifest'],
        manifestTransforms: [(entries) => ({ manifest: entries.filter((e) => !e.url.startsWith('assets/') || field.files.has(e.url)), warnings: [] })],
        maximumFileSizeToCacheInBytes: 3_000_000,
      },
    }),
    precompress(fileURLToPath(new URL('dist', import.meta.url))),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // Three entries: the staff app, the resident H5 page and the grid workers' field app (/field); the last two
    // must stay small for weak mobile connections.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        report: fileURLToPath(new URL('report.html', import.meta.url)),
        field: fileURLToPath(new URL('field.html', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
