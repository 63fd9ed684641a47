/**
 * Stored files at rest: encrypted (a copied disk shows no photo), owner-only modes, files from before encryption
 * still readable, and tampering or truncation detected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { encryptedStorage, localStorage } from './storage.ts';
import { softwareCrypto } from './crypto.ts';
import { fileChunkSize, isSealedFile } from './file-crypto.ts';
import { tinyJpegWithGps } from '../test/media-fixtures.ts';

const crypto = softwareCrypto('0123456789abcdeffedcba9876543210');
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'anwang-files-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('stored files', () => {
  it('are encrypted on disk with owner-only modes, and read back whole', async () => {
    const store = encryptedStorage(localStorage(join(root, 'files')), crypto);
    const photo = Buffer.concat([Buffer.from(tinyJpegWithGps()), randomBytes(3 * fileChunkSize + 123)]); // several chunks
    await store.put('uploads/2026-03/a.jpg', photo);
    const onDisk = await readFile(join(root, 'files', 'uploads/2026-03/a.jpg'));
    expect(isSealedFile(onDisk)).toBe(true);
    expect(onDisk.includes(Buffer.from('JFIF'))).toBe(false);
    expect(onDisk.includes(photo.subarray(2000, 2064))).toBe(false);
    expect((await store.get('uploads/2026-03/a.jpg')).equals(photo)).toBe(true);
    expect((await stat(join(root, 'files', 'uploads/2026-03/a.jpg'))).mode & 0o777).toBe(0o600);
    for (const dir of ['', 'uploads', 'uploads/2026-03']) expect((await stat(join(root, 'files', dir))).mode & 0o777).toBe(0o700);
    const empty = Buffer.alloc(0);
    await store.put('uploads/empty.bin', empty);
    expect((await store.get('uploads/empty.bin')).length).toBe(0);
  });

  it('written before encryption are still read as they are', async () => {
    const store = encryptedStorage(localStorage(join(root, 'files')), crypto);
    await mkdir(join(root, 'files', 'uploads/2025-01'), { recursive: true });
    const old = Buffer.from(tinyJpegWithGps());
    await writeFile(join(root, 'files', 'uploads/2025-01/old.jpg'), old);
    expect((await store.get('uploads/2025-01/old.jpg')).equals(old)).toBe(true);
  });

  it('refuse to open when a byte was changed, a chunk dropped or the end cut off', async () => {
    const store = encryptedStorage(localStorage(join(root, 'files')), crypto);
    const data = randomBytes(2 * fileChunkSize + 10);
    await store.put('uploads/t.bin', data);
    const path = join(root, 'files', 'uploads/t.bin');
    const sealed = await readFile(path);
    const flipped = Buffer.from(sealed);
    flipped[sealed.length - 40]! ^= 1;
    const header = 21;
    const chunk = fileChunkSize + 16;
    const dropped = Buffer.concat([sealed.subarray(0, header), sealed.subarray(header + chunk)]);
    const cut = sealed.subarray(0, header + 2 * chunk); // the last chunk removed: the new last one is not marked last
    for (const bad of [flipped, dropped, cut]) {
      await writeFile(path, bad);
      await expect(store.get('uploads/t.bin')).rejects.toThrow();
    }
    // Another key cannot open it either.
    await writeFile(path, sealed);
    const other = encryptedStorage(localStorage(join(root, 'files')), softwareCrypto('fedcba98765432100123456789abcdef'));
    await expect(other.get('uploads/t.bin')).rejects.toThrow();
  });

  it('leave no half-written file when a write fails, and delete one a killed process left', async () => {
    const files = localStorage(join(root, 'files'));
    // A directory where the file should go makes the final rename fail after the bytes were written.
    await mkdir(join(root, 'files', 'uploads', 'blocked.png', 'inside'), { recursive: true });
    await expect(files.put('uploads/blocked.png', Buffer.from('x'))).rejects.toThrow();
    await expect(stat(join(root, 'files', 'uploads', 'blocked.png.part'))).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(join(root, 'files', 'uploads', 'killed.png.part'), 'half');
    await files.delete('uploads/killed.png');
    await expect(stat(join(root, 'files', 'uploads', 'killed.png.part'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('move to another key sealed as they are, and are listed under a prefix without half-written ones', async () => {
    const store = encryptedStorage(localStorage(join(root, 'moves')), crypto);
    await store.put('pending/documents/632221/1-a.pdf', Buffer.from('%PDF-1 a'));
    await store.put('pending/documents/632222/2-b.pdf', Buffer.from('%PDF-1 b'));
    await writeFile(join(root, 'moves', 'pending/documents/632221/3-c.pdf.part'), 'half');
    expect((await store.list('pending/documents/')).sort()).toEqual(['pending/documents/632221/1-a.pdf', 'pending/documents/632222/2-b.pdf']);
    expect(await store.list('nothing/here/')).toEqual([]);
    await store.move('pending/documents/632221/1-a.pdf', 'documents/632221/2026-03/a.pdf');
    expect((await store.get('documents/632221/2026-03/a.pdf')).toString()).toBe('%PDF-1 a');
    await expect(store.get('pending/documents/632221/1-a.pdf')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.move('pending/documents/632221/1-a.pdf', 'documents/x.pdf')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(join(root, 'moves', 'documents/632221/2026-03'))).mode & 0o777).toBe(0o700);
  });
});
