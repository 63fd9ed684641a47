/** Starts `anwang serve` as a child process on a free port with its own data directory. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/**
 * Starts a server on a fresh embedded database (the demo prefecture is seeded on start). `before` lists `anwang`
 * commands run on that database first (e.g. `seed --demo` then `import grids FILE`).
 */
export async function startServer(opts: { before?: string[][] } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'anwang-e2e-'));
  const port = await freePort();
  // The tests sign in a few dozen times a minute from one address: raise the per-IP limits for them.
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ANWANG_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn', ANWANG_RATE_LOGIN: '1000/60', ANWANG_RATE_LOGIN_ACCOUNT: '1000/60', ANWANG_RATE_PUBLIC: '1000/60', ANWANG_RATE_REPORTER: '1000/60' };
  for (const args of opts.before ?? []) {
    const r = spawnSync(process.execPath, ['bin/anwang.js', ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`anwang ${args.join(' ')}: ${r.stdout}${r.stderr}`);
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
