import { describe, expect, it } from 'vitest';
import { createCipheriv, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm4 } from 'sm-crypto-v2';
import { addKeyToFile, keyId, legacyEncrypt, loadKeyRing, sm3Hex, softwareCrypto } from './crypto.ts';

const K1 = '0123456789abcdeffedcba9876543210';
const K2 = '00112233445566778899aabbccddeeff';
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));

describe('national cryptography', () => {
  it('SM3 matches the GB/T 32905 vectors ("abc" and the 64-byte message)', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('SM4 matches the GB/T 32907 vector (Node’s OpenSSL and sm-crypto-v2 alike)', () => {
    const key = Buffer.from(K1, 'hex');
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(sm4.encrypt(key, K1, { padding: 'none' })).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('SM4-GCM matches the RFC 8998 A.1 vector (ciphertext and tag)', () => {
    const plain = hex('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA');
    const r = sm4.encrypt(plain, K1, { mode: 'gcm', iv: '00001234567800000000ABCD', associatedData: hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2'), outputTag: true, padding: 'none' }) as { output: string; tag: string };
    expect(r.output).toBe('17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d');
    expect(r.tag).toBe('83de3541e4c2b58177e065a9bf7b62ec');
  });
});

describe('field encryption', () => {
  it('round-trips with a fresh nonce each time and names its key', () => {
    const p = softwareCrypto(K1);
    const a = p.encrypt('110105199001011234');
    expect(a).not.toBe(p.encrypt('110105199001011234'));
    expect(p.decrypt(a)).toBe('110105199001011234');
    expect(p.keyIdOf(a)).toBe(keyId(K1));
    expect(() => softwareCrypto(K2).decrypt(a)).toThrow(/not configured/);
  });
  it('refuses a ciphertext changed anywhere (authenticated encryption)', () => {
    const p = softwareCrypto(K1);
    const raw = Buffer.from(p.encrypt('张三'), 'base64');
    for (const at of [6, 17, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at]! ^= 1;
      expect(() => p.decrypt(bad.toString('base64')), `byte ${at}`).toThrow();
    }
  });
  it('decrypts with every key of the ring, encrypts with the first, keeps lookups stable across a rotation', () => {
    const old = softwareCrypto(K1);
    const rotated = softwareCrypto({ keys: [K2, K1], lookupKey: K1 });
    const before = old.encrypt('13800138000');
    expect(rotated.decrypt(before)).toBe('13800138000');
    expect(rotated.keyIdOf(rotated.encrypt('x'))).toBe(keyId(K2));
    expect(rotated.lookupHash('13800138000')).toBe(old.lookupHash('13800138000'));
    // Values from the first version (SM4-CBC, no key id) still read.
    expect(rotated.decrypt(legacyEncrypt(K1, 'JBSWY3DPEHPK3PXP'))).toBe('JBSWY3DPEHPK3PXP');
  });
  it('keeps its key ring in a 0600 file, carrying over the first version’s secret.key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    try {
      writeFileSync(join(dir, 'secret.key'), K1 + '\n');
      const ring = loadKeyRing(undefined, undefined, dir);
      expect(ring).toEqual({ keys: [K1], lookupKey: K1 });
      expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
      const id = addKeyToFile(dir);
      const next = loadKeyRing(undefined, undefined, dir);
      expect(next.keys).toHaveLength(2);
      expect(keyId(next.keys[0]!)).toBe(id);
      expect(next.lookupKey).toBe(K1);
      expect(readFileSync(join(dir, 'keys.json'), 'utf8')).not.toContain('secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('encrypts bulk batches in one pass into the same authenticated format, readable by sm-crypto-v2', async () => {
    const p = softwareCrypto({ keys: [K2, K1], lookupKey: K1 });
    const values = Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? null : `值${i}`));
    const out = await p.encryptMany(values);
    expect(out.map((v) => (v === null ? null : p.decrypt(v)))).toEqual(values);
    expect(new Set(out.filter(Boolean).map((v) => p.keyIdOf(v!)))).toEqual(new Set([keyId(K2)]));
    expect(new Set(out).size).toBe(out.length - values.filter((v) => v === null).length + 1); // fresh nonces
    // Rows written before the native implementation were sealed by sm-crypto-v2: the formats must agree.
    const raw = Buffer.from(out[1]!, 'base64');
    const plain = sm4.decrypt(raw.subarray(17, raw.length - 16), hex(K2), { mode: 'gcm', iv: raw.subarray(5, 17), tag: raw.subarray(raw.length - 16), output: 'array', padding: 'none' }) as Uint8Array;
    expect(new TextDecoder().decode(plain)).toBe('值1');
    await p.close();
  });
  it('keys lookups with HMAC-SM3, kept to its first 128 bits', () => {
    const p = softwareCrypto({ keys: [K2], lookupKey: K1 });
    const full = createHmac('sm3', Buffer.from(K1, 'hex')).update('id:110105199001011234').digest('hex');
    expect(p.lookupHash('id:110105199001011234')).toBe(full.slice(0, 32));
    expect(p.lookupHash('id:110105199001011235')).not.toBe(p.lookupHash('id:110105199001011234'));
  });
  it('reads several keys from the environment, newest first, the oldest keying lookups', () => {
    expect(loadKeyRing(`${K2},${K1}`, undefined, undefined)).toEqual({ keys: [K2, K1], lookupKey: K1 });
    expect(() => loadKeyRing('abc', undefined, undefined)).toThrow(/32 hex/);
  });
});
