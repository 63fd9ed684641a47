/** Starts `anwang serve` as a child process on a free port with its own data directory. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, mkdirSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `anwang ARGS` with `env`. @throws Error with its output when it fails */
function anwang(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, ['bin/anwang.js', ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`anwang ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

/**
 * The data folder of the run's demo template: seeded (`anwang seed --demo`) by the first file that asks, kept for
 * the others (the files run one after another). Undefined outside a run with the global setup.
 */
function demoTemplate(env: NodeJS.ProcessEnv): string | undefined {
  let root: string | undefined;
  try {
    root = inject('demoTemplateDir');
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const data = join(root, 'data');
  if (!existsSync(data)) {
    const partial = join(root, 'seeding');
    rmSync(partial, { recursive: true, force: true });
    anwang(['seed', '--demo'], { ...env, ANWANG_DATA_DIR: partial });
    renameSync(partial, data);
  }
  return data;
}

/**
 * Starts a server on a fresh embedded database with the demo prefecture (a copy of the run's template, or seeded on
 * start). `before` lists `anwang` commands run on that database first (e.g. `seed --demo` then `import grids FILE`);
 * when they do not start with `seed --demo` the database starts empty.
 */
export async function startServer(opts: { before?: string[][] } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'anwang-e2e-'));
  const port = await freePort();
  // The tests sign in a few dozen times a minute from one address: raise the per-IP limits for them.
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ANWANG_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn', ANWANG_RATE_LOGIN: '1000/60', ANWANG_RATE_LOGIN_ACCOUNT: '1000/60', ANWANG_RATE_PUBLIC: '1000/60', ANWANG_RATE_REPORTER: '1000/60' };
  let before = opts.before ?? [];
  const wantsDemo = before.length === 0 || before[0]!.join(' ') === 'seed --demo';
  const template = wantsDemo ? demoTemplate(env) : undefined;
  if (template) {
    // The data folder as the seeding left it, without its lock (the seeding process has ended).
    cpSync(template, join(dir, 'data'), { recursive: true, filter: (src) => !src.endsWith('anwang.lock') });
    before = before.slice(before.length ? 1 : 0);
  }
  for (const args of before) {
    anwang(args, env);
  }
  const child: ChildProcess = spawn(process.execPath, ['bin/anwang.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000; // a demo build on a loaded two-core machine has taken over two minutes
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with nothing reaching outside this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const artifacts = join(process.cwd(), 'e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Fills the sign-in form at `url` as a demo account (every demo account has the same password) and submits it. */
export async function signInAt(page: Page, url: string, username: string, password = 'Anwang@2026'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
