/**
 * Cryptography behind one interface so a certified module (密码机/HSM) can replace it: SM3 for hashes
 * and keyed lookups, SM4-CBC (Node's OpenSSL) with a random IV for field encryption at rest.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CryptoProvider {
  /** Encrypts UTF-8 text; returns base64 of version byte + IV + ciphertext. */
  encrypt(plain: string): string;
  /** Decrypts what encrypt produced. @throws Error on a wrong key or corrupt data */
  decrypt(enc: string): string;
  /** Keyed SM3 (HMAC) for exact-match lookups of sensitive values. */
  lookupHash(value: string): string;
}

/** SM3 digest of a string, hex. */
export function sm3Hex(data: string): string {
  return createHash('sm3').update(data).digest('hex');
}

/** A software CryptoProvider with a 128-bit SM4 key. */
export function softwareCrypto(keyHex: string): CryptoProvider {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 16) throw new Error('ANWANG_SECRET_KEY must be 32 hex characters (a 128-bit SM4 key)');
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-cbc', key, iv);
      return Buffer.concat([Buffer.from([1]), iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
    },
    decrypt(enc) {
      const buf = Buffer.from(enc, 'base64');
      if (buf[0] !== 1) throw new Error('unknown ciphertext version');
      const d = createDecipheriv('sm4-cbc', key, buf.subarray(1, 17));
      return Buffer.concat([d.update(buf.subarray(17)), d.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sm3', key).update(value).digest('hex');
    },
  };
}

/** The key from config, or one kept in `dataDir/secret.key` (created on first use, mode 0600). */
export function loadOrCreateKey(keyHex: string | undefined, dataDir: string | undefined): string {
  if (keyHex) return keyHex;
  if (!dataDir) return randomBytes(16).toString('hex');
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(16).toString('hex');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
