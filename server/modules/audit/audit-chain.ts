/**
 * The audit chain's arithmetic, without I/O: the text each row's hash covers, the keyed hash of a new row, and the
 * check of one stored row against the row before it. Rows since migration 0015 are HMAC-SM3 under the audit key
 * (kept outside the database); older rows are plain SM3 and are accepted only before the first keyed row and up to
 * the boundary the anchors pinned, so nobody can rewrite rows and pass them off as old ones.
 *
 * Since migration 0023 each county has a chain of its own (county '000000': system-wide actions). The rows written
 * before it form the legacy chain (ids 1..lastId in id order, every county together); each county chain goes on
 * from lastId + 1 and its first row links to a genesis that commits to the county and the legacy chain's head.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sm3Hex, type AuditKeys } from '../../lib/crypto.ts';
import type { AuditRow } from './audit.repository.ts';

/** The prev_hash of the first row. */
export const GENESIS = '0'.repeat(64);

/** Where the single global chain written before migration 0023 ends. */
export interface LegacyChain {
  lastId: number;
  headHash: string;
}

/** The chain name of the rows written before migration 0023. */
export const LEGACY = 'legacy';

/** The prev_hash of a county chain's first row: commits to the county and to the legacy chain's head. */
export function chainGenesis(countyCode: string, legacy: LegacyChain): string {
  return sm3Hex(canonicalJson(['anwang audit chain', countyCode, legacy.lastId, legacy.headHash]));
}

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

/** The state before the legacy chain's first row. */
export const walkStart = (): WalkState => ({ prevHash: GENESIS, nextId: 1, keyedSeen: false });

/** The state before a county chain's first row: every row of it must be keyed. */
export const chainStart = (countyCode: string, legacy: LegacyChain): WalkState => ({ prevHash: chainGenesis(countyCode, legacy), nextId: legacy.lastId + 1, keyedSeen: true });

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
