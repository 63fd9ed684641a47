/**
 * What a PGlite query on the Node thread does to request latency: /healthz latency alone, and while a
 * heavy aggregate runs on the same embedded database. Informs the choice written in docs/ARCHITECTURE.md.
 */
import { loadConfig } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { buildApp } from '../server/app.ts';
import type { Result } from './lib.ts';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The PGlite event-loop benchmark (embedded database only). */
export async function pgliteLatency(): Promise<Result> {
  const ctx = await createContext({ ...loadConfig({}), secretKeyHex: '0123456789abcdeffedcba9876543210' }, { inMemory: true });
  const app = await buildApp(ctx, { logLevel: 'silent' });
  await ctx.database.execScript(`CREATE TABLE bench_rows AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 400000) g`);
  const heavy = `SELECT count(DISTINCT v) FROM bench_rows`;
  let t = performance.now();
  await ctx.database.query(heavy);
  const heavyMs = performance.now() - t;


  const sample = async (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await app.inject({ url: '/healthz' });
      out.push(performance.now() - s);
    }
    return out;
  };
  const idle = await sample(300);


  // Requests issued while the aggregate runs wait for it: PGlite runs queries one at a time on this thread.
  const during: number[] = [];
  t = performance.now();
  const running = ctx.database.query(heavy);
  // A request "arrives" every 5 ms; its latency counts from arrival, because while PGlite computes,
  // the event loop is blocked and the request cannot even be read.
  const probes = Array.from({ length: 20 }, async (_, i) => {
    const arrival = t + i * 5;
    await new Promise((r) => setTimeout(r, i * 5));
    await app.inject({ url: '/healthz' });
    during.push(performance.now() - arrival);
  });
  await Promise.all([running, ...probes]);
  await app.close();
  await ctx.database.close();
  return {
    name: 'pglite-latency',
    figures: [
      { label: 'heavy aggregate alone', value: Math.round(heavyMs), unit: 'ms' },
      { label: '/healthz idle p50', value: Math.round(pct(idle, 50) * 100) / 100, unit: 'ms' },
      { label: '/healthz idle p99', value: Math.round(pct(idle, 99) * 100) / 100, unit: 'ms' },
      { label: '/healthz during the aggregate p50', value: Math.round(pct(during, 50)), unit: 'ms' },
    ],
  };
}
