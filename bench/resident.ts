/** The resident H5 page: bytes of script and style it loads (gzipped), and time to interactive on a slow mobile network. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { launchBrowser, startServer as startDemoServer } from '../e2e/server.ts';
import type { Result } from './lib.ts';

/** The resident page benchmark (builds the web app when it is missing or stale; needs Debian's chromium). */
export async function residentBench(): Promise<Result> {
  // The same check `npm start` makes, so a fresh clone measures without a separate build step.
  const built = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const html = readFileSync('web/dist/report.html', 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let gz = 0;
  for (const a of assets) gz += gzipSync(readFileSync(join('web/dist', a))).length;
  const figures: Result['figures'] = [{ label: 'resident page script+style (gzipped)', value: Math.round(gz / 102.4) / 10, unit: 'KB' }];
  const server = await startDemoServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // "Slow 3G"-like: 400 ms round trips, 400 kbit/s down and up.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const t = performance.now();
    await page.goto(`${server.url}/report`);
    await page.waitForFunction(() => ((document.querySelector('select[name=category]') as HTMLSelectElement | null)?.options.length ?? 0) > 5, undefined, { timeout: 60_000 });
    figures.push({ label: 'resident page interactive on slow 3G', value: Math.round(performance.now() - t), unit: 'ms' });
  } finally {
    await browser.close();
    await server.stop();
  }
  return { name: 'resident', figures, notes: [`assets: ${assets.join(', ')}`] };
}
