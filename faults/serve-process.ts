/** Real `anwang serve` processes for the fault and several-server tests (spawned, reached over HTTP). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port. */
export const freePort = () => new Promise<number>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => r(p)); }); });

/** Starts `anwang serve` with `env` on `port` (a free one by default) and waits for /healthz. @throws Error when it does not come up */
export async function startServer(env: NodeJS.ProcessEnv, port?: number): Promise<{ child: ChildProcess; url: string }> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['bin/anwang.js', 'serve'], { env: { ...env, PORT: String(p), HOST: '127.0.0.1' }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** Stops a server with SIGTERM and waits for it to exit. */
export async function stopServer(s: { child: ChildProcess }): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}
