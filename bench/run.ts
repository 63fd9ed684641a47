/**
 * `npm run bench [name…]`: timing goals live here, never in tests. Each benchmark prints its figures
 * and the process's peak resident memory. Run on an idle machine; compare ratios within one run.
 */
import { pgliteLatency } from './pglite-latency.ts';
import { locateBench } from './locate.ts';

const all: Record<string, () => Promise<void>> = { locate: locateBench, 'pglite-latency': pgliteLatency };
const wanted = process.argv.slice(2);
for (const [name, fn] of Object.entries(all)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await fn();
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
