/**
 * Nothing lost, nothing twice, under kill -9: a burst of submissions with Idempotency-Keys, the server killed
 * mid-burst, restarted, and every request that got no answer replayed with its key. Every acknowledged case
 * must be there, and there must be exactly one case per key.
 * Group commit is on (its default), so the kill lands on batches of reports sharing one transaction.
 * Short version in `npm test` (FAULT_SUBMISSIONS=200); `npm run test:faults` sends 2,000.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';
import { openDatabase } from '../server/db/client.ts';
import { startServer } from './serve-process.ts';

const total = Number(process.env.FAULT_SUBMISSIONS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'anwang-kill9-'));
let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await drop?.();
});

const start = (env: NodeJS.ProcessEnv) => startServer(env);

describe('kill -9 during a burst', () => {
  it(`loses and duplicates nothing across ${total} submissions`, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ANWANG_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'fatal', ANWANG_RATE_TOKEN: '1000000/60', ANWANG_SCHEDULER_MS: '600000', ANWANG_IDEMPOTENCY_STALE_MS: '3000' };
    if (process.env.DATABASE_URL) {
      const s = await createScratchDatabase(process.env.DATABASE_URL, 'anwang_kill9');
      env.DATABASE_URL = s.url;
      drop = s.drop;
    } else env.DATABASE_URL = '';
    writeFileSync(join(dir, 'regions.csv'), regionsCsv);
    writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
    const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/anwang.js', ...a], { env, encoding: 'utf8', timeout: 120_000 }).stdout.trim();
    const log = (m: string) => process.env.FAULT_DEBUG && process.stderr.write(m + '\n');
    cli('import', 'regions', join(dir, 'regions.csv'));
    cli('import', 'grids', join(dir, 'grids.geojson'));
    const token = cli('token', 'create', '--name', 'burst', '--scope', '632221000000');
    const body = (i: number) => JSON.stringify({ channel: 'hotline', categoryId: 'sanitation.garbage', description: `burst-${i}`, lat: 37.05, lng: 101.05 });
    const send = (url: string, i: number) => fetch(`${url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `burst-key-${i}` }, body: body(i), signal: AbortSignal.timeout(20_000) });

    log('prepared');
    let server = await start(env);
    log('started');
    const acked = new Map<number, string>();
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < total; i = next++) {
          if (!killed && i >= total * 0.4) {
            killed = true;
            server.child.kill('SIGKILL'); // no goodbye, no flush
          }
          try {
            const r = await send(server.url, i);
            if (r.status === 201) acked.set(i, (await r.json()).code);
          } catch {
            /* the connection died with the server: this one gets replayed */
          }
        }
      }),
    );
    log(`burst done, ${acked.size} acked`);
    expect(killed).toBe(true);
    if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((r) => server.child.once('exit', r));
    server = await start(env); // the stale lock of the dead process is taken over
    for (let i = 0; i < total; i++) {
      if (acked.has(i)) continue;
      for (let attempt = 0; attempt < 50; attempt++) {
        const r = await send(server.url, i);
        if (r.status === 201) {
          acked.set(i, (await r.json()).code);
          break;
        }
        await new Promise((res) => setTimeout(res, 200)); // 409: a claim left by the killed process, taken over once stale
      }
    }
    // Replaying an acknowledged key answers the same case.
    const again = await send(server.url, 0);
    expect((await again.json()).code).toBe(acked.get(0));
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));

    const d = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATABASE_URL ? undefined : env.ANWANG_DATA_DIR });
    const rows = await d.query<{ description: string; code: string }>(`SELECT description, code FROM cases WHERE description LIKE 'burst-%'`);
    // Reports were written together: some transaction (rows sharing xmin) holds several cases.
    const [largest] = await d.query<{ n: number }>(`SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM cases GROUP BY xmin::text) t`);
    await d.close();
    const byDescription = new Map<string, number>();
    for (const r of rows) byDescription.set(r.description, (byDescription.get(r.description) ?? 0) + 1);
    const codes = new Set(rows.map((r) => r.code));
    const lost = [...acked.values()].filter((c) => !codes.has(c));
    const duplicated = [...byDescription.values()].filter((n) => n > 1).length;
    process.stdout.write(`kill -9: ${total} submissions, ${acked.size} acknowledged, ${rows.length} found, ${lost.length} lost, ${duplicated} duplicated, largest batch ${largest!.n}\n`);
    expect(acked.size).toBe(total);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(rows.length).toBe(total);
    expect(largest!.n).toBeGreaterThan(1);
  }, 600_000);
});
