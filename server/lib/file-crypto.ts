/**
 * The at-rest format of stored files: SM4-GCM in 256 KB chunks, so sealing a 10 MB photo never holds the event
 * loop for more than a few milliseconds at a time (GHASH is JavaScript), and a reader can tell sealed files from
 * the plain ones written before encryption. Layout:
 *
 *   "ANWF" | version 1 | key id (4) | nonce prefix (8) | chunk size (u32 BE) | chunk… each = ciphertext | tag (16)
 *
 * Chunk i uses nonce = prefix | u32 i, and authenticates the header, i, and whether it is the last chunk, so
 * chunks cannot be reordered, dropped, or the file cut short without the tag failing.
 */
import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Sm4Gcm } from './sm4-gcm.ts';

const MAGIC = Buffer.from('ANWF', 'latin1');
const VERSION = 1;
const HEADER = 4 + 1 + 4 + 8 + 4;
const TAG = 16;
/** Plaintext bytes per chunk. */
export const fileChunkSize = 256 * 1024;

/** Whether bytes are a sealed file (anything else is a plain file from before encryption). */
export function isSealedFile(b: Uint8Array): boolean {
  return b.length >= HEADER + TAG && MAGIC.equals(b.subarray(0, 4)) && b[4] === VERSION;
}

/** The key id (8 hex) a sealed file names. */
export function sealedFileKeyId(b: Uint8Array): string {
  return Buffer.from(b.subarray(5, 9)).toString('hex');
}

const aadFor = (header: Uint8Array, index: number, last: boolean) => {
  const aad = Buffer.alloc(header.length + 5);
  aad.set(header);
  aad.writeUInt32BE(index, header.length);
  aad[header.length + 4] = last ? 1 : 0;
  return aad;
};
const nonceFor = (prefix: Uint8Array, index: number) => {
  const n = Buffer.alloc(12);
  n.set(prefix);
  n.writeUInt32BE(index, 8);
  return n;
};

/** Seals `plain` under `gcm` (whose key id is `keyIdHex`), yielding to the event loop between chunks. */
export async function sealFileWith(gcm: Sm4Gcm, keyIdHex: string, plain: Uint8Array, chunkSize = fileChunkSize): Promise<Buffer> {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header[4] = VERSION;
  Buffer.from(keyIdHex, 'hex').copy(header, 5);
  randomBytes(8).copy(header, 9);
  header.writeUInt32BE(chunkSize, 17);
  const prefix = header.subarray(9, 17);
  const chunks = Math.max(1, Math.ceil(plain.length / chunkSize));
  const out: Buffer[] = [header];
  for (let i = 0; i < chunks; i++) {
    if (i > 0) await yieldToLoop();
    const part = plain.subarray(i * chunkSize, Math.min(plain.length, (i + 1) * chunkSize));
    const [sealed] = gcm.sealMany([{ nonce: nonceFor(prefix, i), plain: part }], aadFor(header, i, i === chunks - 1));
    out.push(sealed!.ciphertext, sealed!.tag);
  }
  return Buffer.concat(out);
}

/** Opens a sealed file with the key it names. @throws Error when anything was changed, cut or reordered */
export async function openFileWith(gcmFor: (keyIdHex: string) => Sm4Gcm, sealed: Uint8Array): Promise<Buffer> {
  if (!isSealedFile(sealed)) throw new Error('not a sealed file');
  const header = sealed.subarray(0, HEADER);
  const gcm = gcmFor(sealedFileKeyId(sealed));
  const prefix = header.subarray(9, 17);
  const chunkSize = Buffer.from(header).readUInt32BE(17);
  if (chunkSize < 1) throw new Error('bad chunk size');
  const out: Buffer[] = [];
  let at = HEADER;
  for (let i = 0; ; i++) {
    if (i > 0) await yieldToLoop();
    const remaining = sealed.length - at;
    if (remaining < TAG) throw new Error('sealed file cut short');
    const last = remaining <= chunkSize + TAG;
    const len = last ? remaining - TAG : chunkSize;
    out.push(gcm.open(nonceFor(prefix, i), sealed.subarray(at, at + len), sealed.subarray(at + len, at + len + TAG), aadFor(header, i, last)));
    at += len + TAG;
    if (last) return Buffer.concat(out);
  }
}
