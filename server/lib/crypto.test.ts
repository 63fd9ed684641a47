import { describe, expect, it } from 'vitest';
import { createCipheriv } from 'node:crypto';
import { sm3Hex, softwareCrypto } from './crypto.ts';

describe('national cryptography', () => {
  it('SM3 matches the GB/T 32905 vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('SM4 matches the GB/T 32907 vector', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('round-trips field encryption with a fresh IV each time', () => {
    const p = softwareCrypto('0123456789abcdeffedcba9876543210');
    const a = p.encrypt('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(p.encrypt('JBSWY3DPEHPK3PXP'));
    expect(p.decrypt(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => softwareCrypto('00112233445566778899aabbccddeeff').decrypt(a)).toThrow();
  });
});
