/**
 * The audit chain's arithmetic, without I/O: the text each row's hash covers, the keyed hash of a new row, and the
 * check of one stored row against the row before it. Rows since migration 0015 are HMAC-SM3 under the audit key
 * (kept outside the database); older rows are plain SM3 and are accepted only before the first keyed row and up to
 * the boundary the anchors pinned, so nobody can rewrite rows and pass them off as old ones.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sm3Hex, type AuditKeys } from '../../lib/crypto.ts';
import type { AuditRow } from './audit.repository.ts';

/** The prev_hash of the first row. */
export const GENESIS = '0'.repeat(64);

/** Why a row does not fit the chain (or, for `truncated`, why rows are missing after it). */
export type BreakReason = 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'unknown_key' | 'unkeyed' | 'anchor_mismatch' | 'truncated';

type Hashed = Omit<AuditRow, 'hash' | 'keyId'>;

/** The text each row's hash covers. */
export function chainText(row: Hashed): string {
  return canonicalJson([row.id, row.countyCode, row.at.toISOString(), row.actorId, row.actorName, row.action, row.objectType, row.objectId, row.outcome, row.ip, row.detail, row.prevHash]);
}

/** The hash of a new row: HMAC-SM3 under the current audit key, with that key's id. */
export function sealRow(keys: AuditKeys, row: Hashed): { hash: string; keyId: string } {
  return { hash: keys.mac(chainText(row)), keyId: keys.currentId };
}

/** Where a walk along the chain stands. */
export interface WalkState {
  prevHash: string;
  nextId: number;
  /** A keyed row has been seen: plain SM3 rows may no longer follow. */
  keyedSeen: boolean;
}

/** The state before the first row. */
export const walkStart = (): WalkState => ({ prevHash: GENESIS, nextId: 1, keyedSeen: false });

/**
 * Checks the next stored row and advances the state; returns why it breaks the chain, or undefined.
 * `legacyThrough` is the last id allowed to be plain SM3 (from the anchors), when known.
 */
export function checkRow(keys: AuditKeys, state: WalkState, row: AuditRow, legacyThrough: number | undefined): BreakReason | undefined {
  if (row.id !== state.nextId) return 'gap';
  if (row.prevHash !== state.prevHash) return 'prev_hash_mismatch';
  const { hash, keyId, ...rest } = row;
  if (keyId === null) {
    if (state.keyedSeen || (legacyThrough !== undefined && row.id > legacyThrough)) return 'unkeyed';
    if (sm3Hex(chainText(rest)) !== hash) return 'hash_mismatch';
  } else {
    const expected = keys.macWith(keyId, chainText(rest));
    if (expected === undefined) return 'unknown_key';
    if (expected !== hash) return 'hash_mismatch';
    state.keyedSeen = true;
  }
  state.prevHash = hash;
  state.nextId++;
  return undefined;
}
