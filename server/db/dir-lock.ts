/**
 * A lock file on the PGlite data directory. PGlite itself does not prevent two processes from opening
 * one directory, and then a committed row can be lost; this refuses the second opener while the first
 * process lives, and takes over a lock left by a process that died.
 *
 * Taking over is atomic: two processes that find the same stale lock at once must not both end up holding the
 * directory (one deleting the lock the other just took). The takeover happens only under a second, exclusive
 * marker file (`anwang.lock.takeover`, created with O_EXCL), and only if the lock still holds what was judged
 * stale; whoever loses the marker, or finds the lock changed, starts again and then sees the new live holder.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DirLock {
  path: string;
  release(): void;
}

/** Test seam: called after a lock was judged stale and before the takeover (to interleave a rival). */
export interface DirLockHooks {
  beforeTakeover?: () => void;
}

/** Whether a process with this pid lives on this machine (EPERM: it does, under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `path` exclusively with our pid. @returns false when it exists */
function createExclusive(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

const readOrNull = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

const holderOf = (content: string) => Number(content.trim());
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Replaces the lock holding `stale` with ours, under the takeover marker.
 * @returns true when taken; false when someone else is taking over or the lock changed (the caller retries)
 */
function takeOver(path: string, stale: string): boolean {
  const marker = `${path}.takeover`;
  if (!createExclusive(marker)) {
    // A marker left by a process that died mid-takeover would block everyone: clear it (its owner is dead).
    const owner = readOrNull(marker);
    if (owner !== null && !alive(holderOf(owner))) {
      try {
        unlinkSync(marker);
      } catch {
        /* another process cleared it first */
      }
    }
    return false;
  }
  try {
    if (readOrNull(path) !== stale) return false; // taken over (or released) meanwhile: look again
    unlinkSync(path);
    return createExclusive(path);
  } finally {
    unlinkSync(marker);
  }
}

/** Takes `dir/anwang.lock` for this process. @throws Error naming the pid that holds the directory */
export function acquireDirLock(dir: string, hooks: DirLockHooks = {}): DirLock {
  const path = join(dir, 'anwang.lock');
  for (let attempt = 0; attempt < 50; attempt++) {
    let taken = createExclusive(path);
    if (!taken) {
      const content = readOrNull(path);
      if (content === null) continue; // released between our two looks
      const holder = holderOf(content);
      // Our own pid counts too: a second open inside this process would be just as unsafe.
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`数据目录 ${dir} 正被进程 ${holder} 使用 (the data directory is in use by process ${holder}); stop it first or set ANWANG_DATA_DIR`);
      }
      // Stale lock from a process that died without releasing it.
      hooks.beforeTakeover?.();
      taken = takeOver(path, content);
      if (!taken) {
        sleep(5 + Math.floor(Math.random() * 20));
        continue;
      }
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      try {
        if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
      } catch {
        /* already gone */
      }
    };
    process.on('exit', release);
    return { path, release };
  }
  throw new Error(`could not lock ${dir}`);
}
