/**
 * `npm run bench [name…]`: runs the benchmarks (never part of the tests), prints a table, and writes
 * bench/results/<name>-<database>.json with the figures, the machine and the date. Everything talks only to
 * 127.0.0.1 and stops by itself. Set DATABASE_URL to measure a PostgreSQL server instead of PGlite.
 */
import { intakeBench } from './intake.ts';
import { importBench } from './import.ts';
import { kpiBench } from './kpi.ts';
import { locateBench } from './locate.ts';
import { pgliteLatency } from './pglite-latency.ts';
import { residentBench } from './resident.ts';
import { firstLoadBench } from './first-load.ts';
import { fieldBench } from './field.ts';
import { machine, save, type Result } from './lib.ts';

const all: Record<string, () => Promise<Result>> = { intake: intakeBench, kpi: kpiBench, locate: locateBench, resident: residentBench, 'first-load': firstLoadBench, field: fieldBench, import: importBench, 'pglite-latency': pgliteLatency };
const wanted = process.argv.slice(2);
const m = machine();
console.log(`Anwang benchmarks · ${m.database} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGiB} GiB · Node ${m.node} · ${m.date}`);
for (const [name, fn] of Object.entries(all)) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (name === 'pglite-latency' && process.env.DATABASE_URL) continue; // an embedded-database question only
  const r = await fn();
  save(r);
  console.log(`\n## ${name}`);
  for (const f of r.figures) console.log(`  ${f.label.padEnd(48)} ${String(f.value).padStart(10)} ${f.unit}`);
  for (const n of r.notes ?? []) console.log(`  · ${n}`);
}
console.log(`\npeak RSS of the bench process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; results in bench/results/`);
process.exit(0);
