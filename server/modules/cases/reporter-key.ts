/**
 * The reporter's key: a random secret made at intake from the resident page and returned once in the intake
 * answer; the tracking link carries it (/track/<code>#k=<key>) and rating requires it. Only its hash is
 * stored, so a copy of the database cannot rate anyone's case.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sm3Hex } from '../../lib/crypto.ts';

/** 128 random bits, URL-safe (22 characters). */
export function newReporterKey(): { key: string; hash: string } {
  const key = randomBytes(16).toString('base64url');
  return { key, hash: sm3Hex(key) };
}

/** True when `key` is the one whose hash was stored (constant time; false when no key was ever made). */
export function reporterKeyMatches(storedHash: string | null, key: string | undefined): boolean {
  if (!storedHash || !key) return false;
  const a = Buffer.from(sm3Hex(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
