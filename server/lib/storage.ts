/** Files (photos, voice notes, PDFs) behind one interface: a local directory by default, S3-compatible later. */
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileStorage {
  /** Stores bytes under a key (written to a temporary name, then renamed, so a crash leaves no half file). */
  put(key: string, data: Uint8Array): Promise<void>;
  /** Reads a stored file. @throws Error (ENOENT) when absent */
  get(key: string): Promise<Buffer>;
}

/** Files under a directory; keys are relative paths made by the server (never user input). */
export function localStorage(root: string): FileStorage {
  const path = (key: string) => {
    if (!/^[a-z0-9/._-]+$/.test(key) || key.includes('..')) throw new Error('bad storage key');
    return join(root, key);
  };
  return {
    async put(key, data) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p + '.part', data);
      await rename(p + '.part', p);
    },
    get: (key) => readFile(path(key)),
  };
}

/** In-memory storage for tests and the in-memory database. */
export function memoryStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    put: async (k, d) => void files.set(k, Buffer.from(d)),
    get: async (k) => {
      const f = files.get(k);
      if (!f) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return f;
    },
  };
}
