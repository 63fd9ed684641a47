/**
 * Intake and transitions through HTTP against a real server process, beside the raw single-row INSERT rate
 * of the same database (a Node loop on PGlite, pgbench at 8 and 32 clients on PostgreSQL): empty with group
 * commit off (ANWANG_INTAKE_BATCH_MAX=1) and on (the default), and on with a million cases already present.
 */
import { mkdtempSync, writeFileSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { openDatabase } from '../server/db/client.ts';
import { httpSend, load, prepare, startServer, type Result } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const preload = Number(process.env.BENCH_PRELOAD ?? 1_000_000);

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anwang-fixture-'));
  writeFileSync(join(dir, 'regions.csv'), regionsCsv);
  writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
  return dir;
}

const body = (i: number) => JSON.stringify({ channel: 'hotline', categoryId: 'sanitation.garbage', description: `第${i}号来电：垃圾没有清运`, lat: 37.001 + (i % 97) / 1000, lng: 101.001 + (i % 497) / 1000 });

/** Raw single-row INSERTs per second on the same kind of database, per number of clients. */
async function rawInsertRate(): Promise<{ rates: Map<number, number>; how: string }> {
  const rates = new Map<number, number>();
  if (process.env.DATABASE_URL) {
    const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await d.execScript('DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (county_code char(6), id uuid DEFAULT gen_random_uuid(), code text, description text, lat float8, lng float8, created_at timestamptz DEFAULT now(), PRIMARY KEY (county_code, id))');
    await d.close();
    const script = join(mkdtempSync(join(tmpdir(), 'pgbench-')), 'insert.sql');
    writeFileSync(script, "INSERT INTO bench_raw (county_code, code, description, lat, lng) VALUES ('632221', md5(random()::text), 'raw insert', 37.05, 101.05);\n");
    const bin = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
    for (const c of [8, 32]) {
      const r = spawnSync(`${bin}/pgbench`, ['-n', '-c', String(c), '-j', '2', '-T', String(seconds), '-f', script, process.env.DATABASE_URL], { encoding: 'utf8' });
      rates.set(c, Math.round(Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? NaN)));
    }
    return { rates, how: 'pgbench -c 8 and -c 32, one INSERT per transaction' };
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
  // One embedded database answers one query at a time: more clients cannot raise its rate.
  for (const c of [8, 32]) rates.set(c, Math.round(n / seconds));
  return { rates, how: 'one PGlite, a Node loop of single-row INSERTs' };
}

/** CPU milliseconds a process used (and its reaped children), from /proc (10 ms ticks); 0 when gone. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}

/** CPU milliseconds of the PostgreSQL server behind a URL: its postmaster and every live child (backends, WAL writer). */
async function postgresCpuMs(url: string): Promise<number> {
  const d = await openDatabase({ databaseUrl: url, poolSize: 1 });
  const [{ pid }] = (await d.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
  const postmaster = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  await d.close();
  let ms = cpuMs(postmaster);
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster) ms += cpuMs(Number(p));
    } catch {
      /* gone */
    }
  }
  return ms;
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

/** Refreshes the planner's statistics of the tables intake writes and searches. */
async function analyze(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.DATABASE_URL) return; // PGlite is the server's own process; its upkeep runs ANALYZE (Database.maintain)
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 1 });
  await d.query('ANALYZE cases');
  await d.close();
}

/** The runs: empty with group commit off and on, then on with `preload` cases present (BENCH_PRELOAD=0 skips it). */
const runs = [
  { preloaded: 0, groupCommit: false },
  { preloaded: 0, groupCommit: true },
  ...(preload ? [{ preloaded: preload, groupCommit: true }] : []),
];

/** The intake benchmark. */
export async function intakeBench(): Promise<Result> {
  const figures: Result['figures'] = [];
  const notes: string[] = [];
  const raw = await rawInsertRate();
  for (const [c, rate] of raw.rates) figures.push({ label: `raw single-row INSERT ${c} conn`, value: rate, unit: 'rows/s' });
  notes.push(`raw rate: ${raw.how}`);
  const fx = fixtureDir();
  const at32 = new Map<boolean, number>();
  for (const { preloaded, groupCommit } of runs) {
    const p = await prepare(fx);
    const token = p.cli('token', 'create', '--name', 'bench', '--scope', '632221000000');
    const transitions = !preloaded && groupCommit;
    // Accounts are made before the server starts: on PGlite the server holds the data directory.
    if (transitions) p.cli('user', 'create', '--username', 'bench.op', '--password', 'Bench#2026pw', '--role', 'operator', '--scope', '632221000000');
    if (preloaded) notes.push(`preloaded ${preloaded.toLocaleString()} cases in ${await preloadCases(p.env, preloaded)} ms`);
    const server = await startServer(groupCommit ? p : { ...p, env: { ...p.env, ANWANG_INTAKE_BATCH_MAX: '1' } });
    const send = (i: number) => httpSend(`${server.url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${preloaded}-${i}-${Math.random().toString(36).slice(2)}` }, body: body(i) });
    await load(1500, 4, send); // warm up
    // Statistics as autovacuum keeps them on a live database: a table filled within seconds of its creation has
    // none yet, and the planner would then read a county's open cases whole for each duplicate search.
    await analyze(p.env);
    const tag = `${groupCommit ? '' : ', group commit off'}${preloaded ? ` with ${preloaded / 1e6}M cases` : ' (empty)'}`;
    for (const c of preloaded ? [8] : [8, 32]) {
      // CPU per case tells where the time goes even when other work shares the machine.
      const cpu0 = { server: cpuMs(server.pid), db: p.env.DATABASE_URL ? await postgresCpuMs(p.env.DATABASE_URL) : 0 };
      const r = await load(seconds * 1000, c, send);
      const cpu1 = { server: cpuMs(server.pid), db: p.env.DATABASE_URL ? await postgresCpuMs(p.env.DATABASE_URL) : 0 };
      figures.push({ label: `intake ${c} conn${tag} server CPU per case`, value: Math.round(((cpu1.server - cpu0.server) / r.total) * 100) / 100, unit: 'ms' });
      if (p.env.DATABASE_URL) figures.push({ label: `intake ${c} conn${tag} PostgreSQL CPU per case`, value: Math.round(((cpu1.db - cpu0.db) / r.total) * 100) / 100, unit: 'ms' });
      figures.push({ label: `intake ${c} conn${tag}`, value: r.perSecond, unit: 'cases/s' }, { label: `intake ${c} conn${tag} p50`, value: r.p50, unit: 'ms' }, { label: `intake ${c} conn${tag} p99`, value: r.p99, unit: 'ms' });
      if (r.errors) notes.push(`intake ${c} conn${tag}: ${r.errors} of ${r.total} requests failed`);
      figures.push({ label: `intake/raw ratio ${c} conn${tag}`, value: Math.round((r.perSecond / raw.rates.get(c)!) * 1000) / 1000, unit: '×' });
      if (c === 32 && !preloaded) at32.set(groupCommit, r.perSecond);
    }
    if (p.env.DATABASE_URL) {
      // Reports per transaction: the cases one transaction wrote share its xmin.
      const d = await openDatabase({ databaseUrl: p.env.DATABASE_URL, poolSize: 1 });
      const [b] = await d.query<{ avg: number; max: number }>(`SELECT round(avg(n), 1)::float AS avg, max(n)::int AS max FROM (SELECT count(*) AS n FROM cases WHERE description LIKE '第%' GROUP BY xmin::text) t`);
      await d.close();
      figures.push({ label: `reports per transaction${tag}, mean`, value: b!.avg, unit: '' }, { label: `reports per transaction${tag}, largest`, value: b!.max, unit: '' });
    }
    if (transitions) {
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
        return httpSend(`${server.url}/api/cases/${code}/actions/accept`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
      });
      figures.push({ label: 'transitions (accept) 8 conn', value: t.perSecond, unit: 'actions/s' }, { label: 'transitions p99', value: t.p99, unit: 'ms' });
      if (t.errors) notes.push(`transitions: ${t.errors} of ${t.total} failed (cases ran out: ${list.length} available)`);
    }
    figures.push({ label: `server peak RSS${tag}`, value: await server.stop(), unit: 'MiB' });
  }
  figures.push({ label: 'group commit on/off, 32 conn (empty)', value: Math.round((at32.get(true)! / at32.get(false)!) * 100) / 100, unit: '×' });
  rmSync(fx, { recursive: true, force: true });
  return { name: 'intake', figures, notes };
}
