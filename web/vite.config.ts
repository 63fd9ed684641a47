import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress';

// The staff web app. `npm run dev` proxies /api to a server on :3000; `npm run build` writes web/dist,
// which the server serves.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress(fileURLToPath(new URL('dist', import.meta.url)))],
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
