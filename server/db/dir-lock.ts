/**
 * A lock file on the PGlite data directory. PGlite itself does not prevent two processes from opening
 * one directory, and then a committed row can be lost; this refuses the second opener while the first
 * process lives, and takes over a lock left by a process that died.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DirLock {
  path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `dir/anwang.lock` for this process. @throws Error naming the pid that holds the directory */
export function acquireDirLock(dir: string): DirLock {
  const path = join(dir, 'anwang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
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
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      // Our own pid counts too: a second open inside this process would be just as unsafe.
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`数据目录 ${dir} 正被进程 ${holder} 使用 (the data directory is in use by process ${holder}); stop it first or set ANWANG_DATA_DIR`, { cause: e });
      }
      // Stale lock from a process that died without releasing it: remove it and try once more.
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock ${dir}`);
}
