/**
 * Anchors: each audit chain's head (chain, id and hash) written at intervals to an append-only file outside the database,
 * each line HMAC-SM3 under the audit key. Someone with only database access cannot remove an anchored row, rewrite
 * rows behind an anchor or pass new rows off as older plain-SM3 ones without `anwang audit verify` noticing.
 * The file may sit on a WORM or remote mount (ANWANG_AUDIT_ANCHOR_FILE); lines are only ever appended.
 */
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { AuditKeys } from '../../lib/crypto.ts';

/** One anchored head of one chain. */
export interface Anchor {
  /** The county chain (a county code, '000000' for system-wide actions); absent on lines written before migration 0023, which anchor the legacy chain. */
  chain?: string;
  /** Since migration 0023: the legacy chain's last id, where every county chain begins (pinned so it cannot move). */
  legacyEnd?: number;
  /** The head row's id (0: the log was empty). */
  id: number;
  hash: string;
  /** When the anchor was written (ISO 8601). */
  at: string;
  /** The last row hashed with plain SM3 (before migration 0015); every later row must be keyed. */
  legacyThrough: number;
  /** The audit key of `mac`. */
  keyId: string;
  mac: string;
}

// Lines from before migration 0023 keep the text they were MAC'd over; later ones also cover the chain and its start.
const macText = (a: Omit<Anchor, 'keyId' | 'mac'>) =>
  a.chain === undefined ? canonicalJson(['anchor', a.id, a.hash, a.at, a.legacyThrough]) : canonicalJson(['anchor', a.chain, a.legacyEnd ?? null, a.id, a.hash, a.at, a.legacyThrough]);

/** The file line of an anchor, MAC'd with the current audit key. */
export function anchorLine(keys: AuditKeys, a: Omit<Anchor, 'keyId' | 'mac'>): string {
  const anchor: Anchor = { ...a, keyId: keys.currentId, mac: keys.mac(macText(a)) };
  return JSON.stringify(anchor) + '\n';
}

/** Appends one line and flushes it to disk before returning (the file is opened for appending only). */
export function appendLine(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface AnchorFile {
  /** Authentic anchors in file order. */
  anchors: Anchor[];
  /** The file does not exist. */
  missing: boolean;
  /** The first line (1-based) that does not parse or whose MAC fails; reading stops there. */
  badLine?: number;
}

/** Reads and authenticates the anchors of a file. */
export async function readAnchors(file: string, keys: AuditKeys): Promise<AnchorFile> {
  if (!existsSync(file)) return { anchors: [], missing: true };
  const anchors: Anchor[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    const a = parse(line);
    if (!a || keys.macWith(a.keyId, macText(a)) !== a.mac) return { anchors, missing: false, badLine: n };
    anchors.push(a);
  }
  return { anchors, missing: false };
}

function parse(line: string): Anchor | undefined {
  try {
    const a = JSON.parse(line) as Anchor;
    const chainOk = a.chain === undefined || (typeof a.chain === 'string' && Number.isSafeInteger(a.legacyEnd));
    const ok = chainOk && Number.isSafeInteger(a.id) && Number.isSafeInteger(a.legacyThrough) && [a.hash, a.at, a.keyId, a.mac].every((v) => typeof v === 'string');
    return ok ? a : undefined;
  } catch {
    return undefined;
  }
}
