/**
 * Verification of the audit log, chain by chain: the legacy chain (rows before migration 0023, in id order) and
 * each county chain, every row's keyed hash and link checked, then every anchored head of that chain found again.
 * The first row that does not fit is named with its chain; the other chains are still checked and reported.
 */
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './audit.repository.ts';
import { chainStart, checkRow, GENESIS, LEGACY, walkStart, type BreakReason, type LegacyChain, type WalkState } from './audit-chain.ts';
import { readAnchors, type Anchor } from './audit-anchors.ts';

/** The first row of a chain that does not fit, and why; for `truncated`, the first missing row (an anchor written at `anchoredAt` recorded the chain up to `anchoredId`). */
export interface Broken {
  chain: string;
  id: number;
  reason: BreakReason;
  anchoredAt?: string;
  anchoredId?: number;
}

/** One chain's outcome. */
export interface ChainResult {
  /** A county code, '000000' for system-wide actions, or 'legacy' for the rows before migration 0023. */
  chain: string;
  ok: boolean;
  checked: number;
  firstBroken?: Broken;
}

export interface VerifyResult {
  ok: boolean;
  /** Rows checked in every chain together. */
  checked: number;
  /** The first broken row of the first broken chain (chains in name order, the legacy chain first). */
  firstBroken?: Broken;
  chains: ChainResult[];
  /** The anchor file read (null: none configured), how many anchors it held, and what was wrong with it. */
  anchors: { file: string | null; count: number; problem?: 'missing' | 'not_authentic'; line?: number };
}

type Keys = AppContext['audit']['keys'];
type Page = (afterId: number) => Promise<repo.AuditRow[]>;

/** Walks one chain from `state`, checking each row and the anchors of that chain. */
async function walk(keys: Keys, chain: string, state: WalkState, page: Page, anchors: Anchor[], legacyThrough: number | undefined): Promise<ChainResult> {
  const byId = new Map<number, Anchor[]>();
  for (const a of anchors) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  const broken = (checked: number, b: Omit<Broken, 'chain'>): ChainResult => ({ chain, ok: false, checked, firstBroken: { chain, ...b } });
  let checked = 0;
  for (;;) {
    const rows = await page(state.nextId - 1);
    if (rows.length === 0) break;
    for (const r of rows) {
      const reason = checkRow(keys, state, r, legacyThrough);
      if (reason) return broken(checked, { id: reason === 'gap' ? state.nextId : r.id, reason });
      const differs = byId.get(r.id)?.find((a) => a.hash !== r.hash);
      if (differs) return broken(checked, { id: r.id, reason: 'anchor_mismatch', anchoredAt: differs.at, anchoredId: differs.id });
      checked++;
    }
  }
  const beyond = anchors.filter((a) => a.id >= state.nextId).sort((a, b) => b.id - a.id)[0];
  if (beyond && beyond.id > 0) return broken(checked, { id: state.nextId, reason: 'truncated', anchoredAt: beyond.at, anchoredId: beyond.id });
  return { chain, ok: true, checked };
}

/** The legacy chain's end: as the anchors pinned it when they did (the database's row may have been changed). */
function pinnedLegacy(stored: LegacyChain | undefined, anchors: Anchor[]): { legacy: LegacyChain; moved: boolean } {
  const table = stored ?? { lastId: 0, headHash: GENESIS };
  const pinned = anchors.find((a) => a.legacyEnd !== undefined)?.legacyEnd;
  if (pinned === undefined || pinned === table.lastId) return { legacy: table, moved: stored === undefined && anchors.length > 0 };
  return { legacy: { lastId: pinned, headHash: table.headHash }, moved: true };
}

/**
 * Verifies every chain (or only `only`): the legacy chain first, then each county chain that has started, holds
 * rows or was anchored. A county chain's genesis commits to the legacy chain's head as walked, so rows rewritten
 * there break every county chain that began after them.
 */
export async function verifyChain(ctx: Pick<AppContext, 'db' | 'audit'>, only?: string): Promise<VerifyResult> {
  const file = ctx.audit.anchorFile ?? null;
  const read = file ? await readAnchors(file, ctx.audit.keys) : { anchors: [] as Anchor[], missing: false, badLine: undefined };
  const anchorInfo: VerifyResult['anchors'] = { file, count: read.anchors.length };
  if (read.badLine !== undefined) return { ok: false, checked: 0, chains: [], anchors: { ...anchorInfo, problem: 'not_authentic', line: read.badLine } };
  const db: Executor = ctx.db;
  const { legacy, moved } = pinnedLegacy(await repo.legacyChain(db), read.anchors);
  // The earliest boundary wins: rows rewritten as plain SM3 later would move it up, never down.
  const legacyThrough = read.anchors.length ? Math.min(...read.anchors.map((a) => a.legacyThrough)) : undefined;
  const chains: ChainResult[] = [];
  let legacyHead = legacy.headHash;
  const old = read.anchors.filter((a) => a.chain === undefined);
  // An installation begun after migration 0023 has no legacy chain to report.
  const hasLegacy = legacy.lastId > 0 || old.length > 0 || moved;
  if ((only === undefined && hasLegacy) || only === LEGACY) {
    const state = walkStart();
    const r = await walk(ctx.audit.keys, LEGACY, state, (after) => repo.legacyPageAfter(db, after, legacy.lastId, 2000), old, legacyThrough);
    // The rows stop short of where migration 0023 said the legacy chain ended (or that record itself was changed).
    if (r.ok && (state.nextId !== legacy.lastId + 1 || moved)) chains.push({ chain: LEGACY, ok: false, checked: r.checked, firstBroken: { chain: LEGACY, id: state.nextId, reason: moved ? 'anchor_mismatch' : 'truncated' } });
    else chains.push(r);
    if (r.ok) legacyHead = state.prevHash;
  }
  const started = new Set(await repo.startedChains(db));
  const names = new Set([...started, ...(await repo.countiesWithRows(db, legacy.lastId)), ...read.anchors.flatMap((a) => (a.chain === undefined ? [] : [a.chain]))]);
  for (const chain of [...names].sort()) {
    if (only !== undefined && only !== chain) continue;
    const base = { ...legacy, headHash: legacyHead };
    const state = chainStart(chain, base);
    const r = await walk(ctx.audit.keys, chain, state, (after) => repo.chainPageAfter(db, chain, after, 2000), read.anchors.filter((a) => a.chain === chain), undefined);
    // A started chain is registered in the transaction of its first row: no rows left means they were deleted.
    if (r.ok && r.checked === 0 && started.has(chain)) chains.push({ chain, ok: false, checked: 0, firstBroken: { chain, id: base.lastId + 1, reason: 'truncated' } });
    else chains.push(r);
  }
  const checked = chains.reduce((n, c) => n + c.checked, 0);
  const firstBroken = chains.find((c) => c.firstBroken)?.firstBroken;
  if (firstBroken) return { ok: false, checked, firstBroken, chains, anchors: anchorInfo };
  // Without its anchors a removed tail cannot be told from a quiet log: a configured file must exist.
  if (read.missing && checked > 0) return { ok: false, checked, chains, anchors: { ...anchorInfo, problem: 'missing' } };
  return { ok: true, checked, chains, anchors: anchorInfo };
}
