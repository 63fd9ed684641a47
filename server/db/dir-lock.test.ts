/**
 * The data-directory lock: a live holder refuses a second opener, a dead holder's lock is taken over, and two
 * takeovers of the same stale lock never both hold the directory. (Racing real processes rarely hits the window
 * of microseconds, so the interleaving is forced through the beforeTakeover seam instead.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock } from './dir-lock.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'anwang-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (so its lock is stale). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the data-directory lock', () => {
  it('refuses a second opener while the holder lives, and takes over a dead holder’s lock', () => {
    const lock = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(/正被进程 \d+ 使用/);
    lock.release();
    writeFileSync(join(dir, 'anwang.lock'), String(deadPid()));
    const again = acquireDirLock(dir);
    expect(readFileSync(join(dir, 'anwang.lock'), 'utf8')).toBe(String(process.pid));
    expect(existsSync(join(dir, 'anwang.lock.takeover'))).toBe(false);
    again.release();
  });

  it('lets only one of two takeovers of the same stale lock win, when the second runs inside the first', () => {
    writeFileSync(join(dir, 'anwang.lock'), String(deadPid()));
    let rival: ReturnType<typeof acquireDirLock> | null = null;
    // A judges the lock stale; before A acts, B judges it stale too and takes it over.
    const first = () => acquireDirLock(dir, { beforeTakeover: () => (rival ??= acquireDirLock(dir)) });
    expect(first).toThrow(/正被进程 \d+ 使用/); // A then finds B's live lock, instead of deleting it
    expect(rival).not.toBeNull();
    expect(readFileSync(join(dir, 'anwang.lock'), 'utf8')).toBe(String(process.pid));
    rival!.release();
  });
});
