import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sm4 } from 'sm-crypto-v2';
import { Sm4Gcm } from './sm4-gcm.ts';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('SM4-GCM (OpenSSL SM4 + GHASH)', () => {
  it('matches the RFC 8998 A.1 vector, ciphertext and tag, and opens it again', () => {
    const gcm = new Sm4Gcm(hex('0123456789ABCDEFFEDCBA9876543210'));
    const plain = hex('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA');
    const aad = hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2');
    const nonce = hex('00001234567800000000ABCD');
    const [sealed] = gcm.sealMany([{ nonce, plain }], aad);
    expect(sealed!.ciphertext.toString('hex')).toBe('17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d');
    expect(sealed!.tag.toString('hex')).toBe('83de3541e4c2b58177e065a9bf7b62ec');
    expect(gcm.open(nonce, sealed!.ciphertext, sealed!.tag, aad)).toEqual(plain);
  });

  it('agrees with sm-crypto-v2 (an independent implementation) on random keys, nonces and lengths, in batches', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.array(fc.record({ nonce: fc.uint8Array({ minLength: 12, maxLength: 12 }), plain: fc.uint8Array({ maxLength: 70 }) }), { minLength: 1, maxLength: 6 }), (key, items) => {
        const sealed = new Sm4Gcm(key).sealMany(items);
        items.forEach((item, i) => {
          const ref = sm4.encrypt(item.plain, key, { mode: 'gcm', iv: item.nonce, output: 'array', outputTag: true, padding: 'none' }) as { output: Uint8Array; tag: Uint8Array };
          expect(sealed[i]!.ciphertext.toString('hex')).toBe(Buffer.from(ref.output).toString('hex'));
          expect(sealed[i]!.tag.toString('hex')).toBe(Buffer.from(ref.tag).toString('hex'));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a changed ciphertext, tag or nonce, and a short tag', () => {
    const gcm = new Sm4Gcm(hex('00112233445566778899aabbccddeeff'));
    const nonce = hex('000102030405060708090a0b');
    const [s] = gcm.sealMany([{ nonce, plain: Buffer.from('110105199001011234') }]);
    const flip = (b: Buffer, at: number) => { const c = Buffer.from(b); c[at]! ^= 1; return c; };
    expect(gcm.open(nonce, s!.ciphertext, s!.tag).toString()).toBe('110105199001011234');
    expect(() => gcm.open(nonce, flip(s!.ciphertext, 17), s!.tag)).toThrow(/tag mismatch/);
    expect(() => gcm.open(nonce, s!.ciphertext, flip(s!.tag, 0))).toThrow(/tag mismatch/);
    expect(() => gcm.open(flip(nonce, 11), s!.ciphertext, s!.tag)).toThrow(/tag mismatch/);
    expect(() => gcm.open(nonce, s!.ciphertext, s!.tag.subarray(0, 12))).toThrow(/tag mismatch/);
  });
});
