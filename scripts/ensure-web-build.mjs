// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a fresh
// clone serves the UI without a separate build step (and a re-start after a pull picks up changes).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dist = 'web/dist/index.html';
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
// The build's own files count too: a changed build (e.g. precompression added) must rebuild an older dist.
const sources = Math.max(newest('web/src'), newest('core'), ...['web/index.html', 'web/report.html', 'web/field.html', 'web/vite.config.ts', 'web/precompress.ts'].map((f) => statSync(f).mtimeMs));
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('构建前端 building the web app…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
