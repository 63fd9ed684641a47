/**
 * Files (photos, voice notes, PDFs) behind one interface: a local directory by default, S3-compatible later.
 * Stored files are encrypted at rest (`encryptedStorage`, SM4-GCM through the CryptoProvider) and written with
 * owner-only modes (files 0600, directories 0700), so neither another account on the machine nor a copied disk
 * shows a resident's photo or voice.
 */
import { chmod, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CryptoProvider } from './crypto.ts';
import { isSealedFile, sealedFileKeyId } from './file-crypto.ts';

export interface FileStorage {
  /** Stores bytes under a key (written to a temporary name, then renamed, so a crash leaves no half file). */
  put(key: string, data: Uint8Array): Promise<void>;
  /** Reads a stored file. @throws Error (ENOENT) when absent */
  get(key: string): Promise<Buffer>;
  /** Removes a stored file (and any half-written copy of it); a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Proves the store accepts a write now (health checks). @throws the write's error */
  checkWritable(): Promise<void>;
  /** Gives a stored file another key (a pending file made final). @throws Error (ENOENT) when `from` is absent */
  move(from: string, to: string): Promise<void>;
  /** The keys of the stored files under a prefix ending in '/' (never half-written ones). */
  list(prefix: string): Promise<string[]>;
  /**
   * Encrypted stores only: rewrites a file stored in clear (before encryption) or sealed with an older key so it is
   * sealed with the current key, 0600. Says which it was.
   */
  reseal?(key: string): Promise<'plain' | 'old-key' | 'current'>;
}

/** Removes a file if it is there, ignoring every error (cleanup of a write that already failed). */
const unlinkQuietly = (p: string) => unlink(p).catch(() => undefined);

/** Files under a directory; keys are relative paths made by the server (never user input). */
export function localStorage(root: string): FileStorage {
  const path = (key: string) => {
    if (!/^[a-z0-9/._-]+$/.test(key) || key.includes('..')) throw new Error('bad storage key');
    return join(root, key);
  };
  const write = async (p: string, data: Uint8Array) => {
    // mkdir's mode applies to the directories it creates; the root may predate this version, so it is set too.
    await mkdir(dirname(p), { recursive: true, mode: 0o700 });
    try {
      await writeFile(p + '.part', data, { mode: 0o600 });
      await rename(p + '.part', p);
    } catch (e) {
      // A half-written file on a full disk would be a file no row names: the caller only knows the write failed.
      await unlinkQuietly(p + '.part');
      throw e;
    }
  };
  let rootChecked = false;
  return {
    async put(key, data) {
      if (!rootChecked) {
        await mkdir(root, { recursive: true, mode: 0o700 });
        await chmod(root, 0o700);
        rootChecked = true;
      }
      await write(path(key), data);
    },
    get: (key) => readFile(path(key)),
    async delete(key) {
      // A process killed mid-write leaves the `.part`; the purge of its row removes it here.
      await unlinkQuietly(path(key) + '.part');
      await unlink(path(key)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    },
    async checkWritable() {
      const probe = join(root, `.write-check-${process.pid}`);
      await mkdir(root, { recursive: true, mode: 0o700 });
      await writeFile(probe, 'ok', { mode: 0o600 });
      await unlink(probe);
    },
    async move(from, to) {
      await mkdir(dirname(path(to)), { recursive: true, mode: 0o700 });
      await rename(path(from), path(to));
    },
    async list(prefix) {
      const keys: string[] = [];
      const walk = async (key: string): Promise<void> => {
        const entries = await readdir(path(key), { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return [];
          throw e;
        });
        for (const e of entries) {
          if (e.isDirectory()) await walk(`${key}${e.name}/`);
          else if (e.isFile() && !e.name.endsWith('.part')) keys.push(key + e.name);
        }
      };
      await walk(prefix);
      return keys;
    },
  };
}

/** In-memory storage for tests and the in-memory database (`fail` makes writes throw, as a full disk would). */
export function memoryStorage(): FileStorage & { files: Map<string, Buffer>; fail: NodeJS.ErrnoException | null } {
  const files = new Map<string, Buffer>();
  const store = {
    files,
    fail: null as NodeJS.ErrnoException | null,
    put: async (k: string, d: Uint8Array) => {
      if (store.fail) throw store.fail;
      files.set(k, Buffer.from(d));
    },
    get: async (k: string) => {
      const f = files.get(k);
      if (!f) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return f;
    },
    delete: async (k: string) => void files.delete(k),
    checkWritable: async () => {
      if (store.fail) throw store.fail;
    },
    move: async (from: string, to: string) => {
      const f = files.get(from);
      if (!f) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      files.set(to, f);
      files.delete(from);
    },
    list: async (prefix: string) => [...files.keys()].filter((k) => k.startsWith(prefix)),
  };
  return store;
}

/**
 * Encrypts what it stores with the CryptoProvider and decrypts what it reads. Files stored before encryption
 * (plain JPEG, PNG, audio…) are recognised by their first bytes and returned as they are, so nothing needs
 * converting at once; `anwang files seal` seals them (and re-seals files of older keys after a key rotation).
 */
export function encryptedStorage(inner: FileStorage, crypto: CryptoProvider): FileStorage {
  return {
    put: async (key, data) => inner.put(key, await crypto.sealFile(data)),
    get: async (key) => {
      const stored = await inner.get(key);
      return isSealedFile(stored) ? crypto.openFile(stored) : stored;
    },
    delete: (key) => inner.delete(key),
    checkWritable: () => inner.checkWritable(),
    // A sealed file does not bind its key (file-crypto.ts): it moves as it is.
    move: (from, to) => inner.move(from, to),
    list: (prefix) => inner.list(prefix),
    async reseal(key) {
      const stored = await inner.get(key);
      if (isSealedFile(stored) && sealedFileKeyId(stored) === crypto.currentKeyId) return 'current';
      const plain = isSealedFile(stored) ? await crypto.openFile(stored) : stored;
      await inner.put(key, await crypto.sealFile(plain));
      return isSealedFile(stored) ? 'old-key' : 'plain';
    },
  };
}
