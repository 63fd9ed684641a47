/** Shared pieces of the benchmarks: results with machine facts, percentiles, a server child process, HTTP load. */
import { Agent, request } from 'node:http';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createScratchDatabase } from '../server/test/scratch-db.ts';

const drops = new Map<string, () => Promise<void>>();

export interface Figure { label: string; value: number; unit: string }
export interface Result { name: string; figures: Figure[]; notes?: string[] }

/** Facts that make figures comparable: machine, runtime, database. */
export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, database: process.env.DATABASE_URL ? 'postgres' : 'pglite', date: new Date().toISOString() };
}

/** Writes bench/results/<name>.json (one file per benchmark and database). */
export function save(r: Result): void {
  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `${r.name}-${process.env.DATABASE_URL ? 'postgres' : 'pglite'}.json`);
  writeFileSync(file, JSON.stringify({ ...r, machine: machine(), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2) + '\n');
}

/** The p-th percentile of a list. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface BenchServer { url: string; dataDir: string; env: NodeJS.ProcessEnv; pid: number; stop(): Promise<number>; cli(...args: string[]): string }

/** A data directory (or the DATABASE_URL server) with the test fixture imported, ready for `serve`. */
export async function prepare(fixtureDir: string): Promise<{ dataDir: string; env: NodeJS.ProcessEnv; cli: (...args: string[]) => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anwang-bench-'));
  // On a PostgreSQL server each run gets a throw-away database.
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_bench') : undefined;
  if (scratch) drops.set(dataDir, scratch.drop);
  const env = { ...process.env, ...(scratch ? { DATABASE_URL: scratch.url } : {}), ANWANG_DATA_DIR: join(dataDir, 'data'), LOG_LEVEL: 'warn', ANWANG_RATE_TOKEN: '100000000/60', ANWANG_RATE_LOGIN: '100000/60', ANWANG_RATE_LOGIN_ACCOUNT: '100000/60', ANWANG_RATE_REPORTER: '100000000/60', ANWANG_RATE_PUBLIC: '100000000/60', ANWANG_SCHEDULER_MS: '60000' };
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/anwang.js', ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`anwang ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  cli('import', 'regions', join(fixtureDir, 'regions.csv'));
  cli('import', 'grids', join(fixtureDir, 'grids.geojson'));
  return { dataDir, env, cli };
}

/** Starts `anwang serve`; stop() returns the server's peak resident memory in MiB (from /proc). */
export async function startServer(p: { dataDir: string; env: NodeJS.ProcessEnv; cli: (...a: string[]) => string }): Promise<BenchServer> {
  const port = await freePort();
  const env = { ...p.env, PORT: String(port), HOST: '127.0.0.1' };
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'bin/anwang.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600 || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir: p.dataDir,
    env,
    pid: child.pid!,
    cli: p.cli,
    stop: async () => {
      let peak = 0;
      try {
        const status = (await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peak = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        /* not Linux */
      }
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(p.dataDir, { recursive: true, force: true });
      await drops.get(p.dataDir)?.();
      return peak;
    },
  };
}

/**
 * POSTs (or GETs) over a keep-alive node:http agent and returns the status after reading the body. The load
 * generator shares the machine's cores with the server and the database: global fetch costs it about a
 * millisecond of CPU per request, this a third of that, which leaves the cores to what is measured.
 */
export function httpSend(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: { ...init.headers, ...(init.body ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) }, agent: keepAlive }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

/** Runs `connections` workers, each sending requests back to back for `ms`; returns rate and latencies. */
export async function load(ms: number, connections: number, send: (i: number) => Promise<number>): Promise<{ perSecond: number; p50: number; p99: number; errors: number; total: number }> {
  const lat: number[] = [];
  let errors = 0, i = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await send(i++).catch(() => 0);
        lat.push(performance.now() - t);
        if (status < 200 || status >= 300) errors++;
      }
    }),
  );
  return { perSecond: Math.round(lat.length / (ms / 1000)), p50: Math.round(pct(lat, 50) * 10) / 10, p99: Math.round(pct(lat, 99) * 10) / 10, errors, total: lat.length };
}
