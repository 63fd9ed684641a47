/**
 * Intake and transitions through HTTP against a real server process, beside the raw single-row INSERT rate
 * of the same database (a Node loop on PGlite, pgbench on PostgreSQL), once empty and once with a million
 * cases already present.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { openDatabase } from '../server/db/client.ts';
import { load, prepare, startServer, type Result } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const preload = Number(process.env.BENCH_PRELOAD ?? 1_000_000);

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anwang-fixture-'));
  writeFileSync(join(dir, 'regions.csv'), regionsCsv);
  writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
  return dir;
}

const body = (i: number) => JSON.stringify({ channel: 'hotline', categoryId: 'sanitation.garbage', description: `第${i}号来电：垃圾没有清运`, lat: 37.001 + (i % 97) / 1000, lng: 101.001 + (i % 497) / 1000 });

/** Raw single-row INSERTs per second on the same kind of database. */
async function rawInsertRate(): Promise<{ rate: number; how: string }> {
  if (process.env.DATABASE_URL) {
    const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await d.execScript('DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (county_code char(6), id uuid DEFAULT gen_random_uuid(), code text, description text, lat float8, lng float8, created_at timestamptz DEFAULT now(), PRIMARY KEY (county_code, id))');
    await d.close();
    const script = join(mkdtempSync(join(tmpdir(), 'pgbench-')), 'insert.sql');
    writeFileSync(script, "INSERT INTO bench_raw (county_code, code, description, lat, lng) VALUES ('632221', md5(random()::text), 'raw insert', 37.05, 101.05);\n");
    const bin = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
    const r = spawnSync(`${bin}/pgbench`, ['-n', '-c', '8', '-j', '2', '-T', String(seconds), '-f', script, process.env.DATABASE_URL], { encoding: 'utf8' });
    const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? NaN);
    return { rate: Math.round(tps), how: 'pgbench -c 8, one INSERT per transaction' };
  }
  const db = await PGlite.create(join(mkdtempSync(join(tmpdir(), 'raw-')), 'pg'));
  await db.exec('CREATE TABLE bench_raw (county_code char(6), id uuid DEFAULT gen_random_uuid(), code text, description text, lat float8, lng float8, created_at timestamptz DEFAULT now(), PRIMARY KEY (county_code, id))');
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await db.query(`INSERT INTO bench_raw (county_code, code, description, lat, lng) VALUES ('632221', $1, 'raw insert', 37.05, 101.05)`, [`c${n}`]);
    n++;
  }
  await db.close();
  return { rate: Math.round(n / seconds), how: 'one PGlite, a Node loop of single-row INSERTs' };
}

/** Inserts `n` closed cases straight into the database (the "already busy county" case). */
async function preloadCases(env: NodeJS.ProcessEnv, n: number): Promise<number> {
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATABASE_URL ? undefined : env.ANWANG_DATA_DIR });
  const t = performance.now();
  await d.execScript(`INSERT INTO cases (county_code, id, code, status, outcome, category_id, tier, suggested_tier, urgency, channel, description, lat, lng, grid_code, village_code, unit_level, unit_code, is_public, is_overdue, reopen_count, me_too_count, created_at, updated_at)
    SELECT '632221', md5('p' || g)::uuid, '632221-P' || lpad(to_hex(g), 7, '0'), 'closed', 'resolved', 'sanitation.garbage', 'minor', 'minor', 'normal', 'hotline', '历史案件', 37.05, 101.05, '632221100201001', '632221100201', 'village', '632221100201', true, false, 0, 0,
      now() - (g || ' minutes')::interval, now() FROM generate_series(1, ${n}) g`);
  const ms = performance.now() - t;
  await d.close();
  return Math.round(ms);
}

/** The intake benchmark. */
export async function intakeBench(): Promise<Result> {
  const figures: Result['figures'] = [];
  const notes: string[] = [];
  const raw = await rawInsertRate();
  figures.push({ label: 'raw single-row INSERT', value: raw.rate, unit: 'rows/s' });
  notes.push(`raw rate: ${raw.how}`);
  const fx = fixtureDir();
  for (const preloaded of [0, preload]) {
    const p = await prepare(fx);
    const token = p.cli('token', 'create', '--name', 'bench', '--scope', '632221000000');
    // Accounts are made before the server starts: on PGlite the server holds the data directory.
    if (!preloaded) p.cli('user', 'create', '--username', 'bench.op', '--password', 'Bench#2026pw', '--role', 'operator', '--scope', '632221000000');
    if (preloaded) notes.push(`preloaded ${preloaded.toLocaleString()} cases in ${await preloadCases(p.env, preloaded)} ms`);
    const server = await startServer(p);
    const send = async (i: number) => (await fetch(`${server.url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${preloaded}-${i}-${Math.random().toString(36).slice(2)}` }, body: body(i) })).status;
    await load(1500, 4, send); // warm up
    const tag = preloaded ? ` with ${preloaded / 1e6}M cases` : ' (empty)';
    for (const c of preloaded ? [8] : [8, 32]) {
      const r = await load(seconds * 1000, c, send);
      figures.push({ label: `intake ${c} conn${tag}`, value: r.perSecond, unit: 'cases/s' }, { label: `intake ${c} conn${tag} p50`, value: r.p50, unit: 'ms' }, { label: `intake ${c} conn${tag} p99`, value: r.p99, unit: 'ms' });
      if (r.errors) notes.push(`intake ${c} conn${tag}: ${r.errors} of ${r.total} requests failed`);
      if (c === 8) figures.push({ label: `intake/raw ratio${tag}`, value: Math.round((r.perSecond / raw.rate) * 1000) / 1000, unit: '×' });
    }
    if (!preloaded) {
      // Transitions: accept cases as the county operator, 8 connections.
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.op', password: 'Bench#2026pw' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const list: string[] = [];
      for (let page = 1; list.length < 20_000; page++) {
        const r = await (await fetch(`${server.url}/api/cases?status=submitted&pageSize=200&page=${page}`, { headers: { cookie } })).json();
        if (!r.items?.length) break;
        list.push(...r.items.map((x: { code: string }) => x.code));
      }
      let k = 0;
      const t = await load(seconds * 1000, 8, async () => {
        const code = list[k++];
        if (!code) return 599;
        return (await fetch(`${server.url}/api/cases/${code}/actions/accept`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' })).status;
      });
      figures.push({ label: 'transitions (accept) 8 conn', value: t.perSecond, unit: 'actions/s' }, { label: 'transitions p99', value: t.p99, unit: 'ms' });
      if (t.errors) notes.push(`transitions: ${t.errors} of ${t.total} failed (cases ran out: ${list.length} available)`);
    }
    figures.push({ label: `server peak RSS${tag}`, value: await server.stop(), unit: 'MiB' });
  }
  rmSync(fx, { recursive: true, force: true });
  return { name: 'intake', figures, notes };
}
