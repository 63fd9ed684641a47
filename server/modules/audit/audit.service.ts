/**
 * The tamper-evident audit log (等保 level 3 安全审计): time, actor, action, object, outcome and IP, each row
 * chained to the one before by HMAC-SM3 under an audit key kept outside the database, and the chain's head anchored
 * at intervals in a file outside the database, so a changed, removed, inserted or truncated row is found by
 * `verifyChain` even when the one who changed it could write to the database.
 */
import type { Executor, Db } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { countyPrefix, requirePermission, scopePrefix } from '../../lib/access.ts';
import { presentAuditRow } from './audit.presenter.ts';
import type { AppContext } from '../../lib/context.ts';
import * as repo from './audit.repository.ts';
import { checkRow, GENESIS, sealRow, walkStart, type BreakReason } from './audit-chain.ts';
import { anchorLine, appendLine, readAnchors, type Anchor } from './audit-anchors.ts';
import type { AuditAction } from '../../../core/audit-actions.ts';

/** What appending and verifying need: the clock, the audit keys and the anchor file. */
export type AuditContext = Pick<AppContext, 'clock' | 'audit'>;

export interface AuditEntry {
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  /** 6-digit county the object belongs to; '000000' for prefecture-wide and system events. */
  countyCode?: string;
  /** Non-personal context (never passwords, ID numbers or phone numbers). */
  detail?: Record<string, unknown>;
}

/** Appends one entry inside the caller's transaction (or its own statement group). */
export async function record(tx: Executor, ctx: AuditContext, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await repo.lockChain(tx);
  const last = await repo.lastRow(tx);
  const row = {
    countyCode: entry.countyCode ?? '000000',
    id: (last?.id ?? 0) + 1,
    at: ctx.clock.now(),
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: ip ?? actor?.ip ?? null,
    detail: entry.detail ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  await repo.insert(tx, { ...row, ...sealRow(ctx.audit.keys, row) });
}

/** Appends one entry in a transaction of its own (for outcomes recorded while the request fails). */
export async function recordAlone(db: Db, ctx: AuditContext, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await db.transaction((tx) => record(tx, ctx, actor, entry, ip));
}

/** The last head each anchor file received from this process: an unchanged head is not written again. */
const lastAnchored = new Map<string, string>();

/**
 * Appends the chain's current head to the anchor file (the scheduler every minute and at shutdown, each CLI
 * command at its end); returns it, or undefined when there is no anchor file or the head is already anchored.
 */
export async function anchorHead(ctx: Pick<AppContext, 'db' | 'clock' | 'audit'>): Promise<Anchor | undefined> {
  const file = ctx.audit.anchorFile;
  if (!file) return undefined;
  const head = await repo.lastRow(ctx.db);
  const legacyThrough = await repo.lastUnkeyedId(ctx.db);
  const id = head?.id ?? 0;
  const hash = head?.hash ?? GENESIS;
  if (lastAnchored.get(file) === `${id}:${hash}`) return undefined;
  const line = anchorLine(ctx.audit.keys, { id, hash, at: ctx.clock.now().toISOString(), legacyThrough });
  appendLine(file, line);
  lastAnchored.set(file, `${id}:${hash}`);
  return JSON.parse(line) as Anchor;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /**
   * The first row that does not fit the chain, and why; for `truncated`, the first missing row (an anchor written
   * at `anchoredAt` recorded the chain up to `anchoredId`).
   */
  firstBroken?: { id: number; reason: BreakReason; anchoredAt?: string; anchoredId?: number };
  /** The anchor file read (null: none configured), how many anchors it held, and what was wrong with it. */
  anchors: { file: string | null; count: number; problem?: 'missing' | 'not_authentic'; line?: number };
}

/**
 * Walks the whole chain in id order, checks every row's keyed hash and link, then that every anchored head is
 * still in the chain; names the first row that does not fit or the first one missing.
 */
export async function verifyChain(ctx: Pick<AppContext, 'db' | 'audit'>): Promise<VerifyResult> {
  const file = ctx.audit.anchorFile ?? null;
  const read = file ? await readAnchors(file, ctx.audit.keys) : { anchors: [] as Anchor[], missing: false, badLine: undefined };
  const anchorInfo: VerifyResult['anchors'] = { file, count: read.anchors.length };
  if (read.badLine !== undefined) return { ok: false, checked: 0, anchors: { ...anchorInfo, problem: 'not_authentic', line: read.badLine } };
  const byId = new Map<number, Anchor[]>();
  for (const a of read.anchors) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  // The earliest boundary wins: rows rewritten as plain SM3 later would move it up, never down.
  const legacyThrough = read.anchors.length ? Math.min(...read.anchors.map((a) => a.legacyThrough)) : undefined;
  const state = walkStart();
  let checked = 0;
  for (;;) {
    const rows = await repo.pageAfter(ctx.db, state.nextId - 1, 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const reason = checkRow(ctx.audit.keys, state, r, legacyThrough);
      if (reason) return { ok: false, checked, firstBroken: { id: reason === 'gap' ? state.nextId : r.id, reason }, anchors: anchorInfo };
      const differs = byId.get(r.id)?.find((a) => a.hash !== r.hash);
      if (differs) return { ok: false, checked, firstBroken: { id: r.id, reason: 'anchor_mismatch', anchoredAt: differs.at, anchoredId: differs.id }, anchors: anchorInfo };
      checked++;
    }
  }
  const beyond = read.anchors.filter((a) => a.id >= state.nextId).sort((a, b) => b.id - a.id)[0];
  if (beyond) return { ok: false, checked, firstBroken: { id: state.nextId, reason: 'truncated', anchoredAt: beyond.at, anchoredId: beyond.id }, anchors: anchorInfo };
  // Without its anchors a removed tail cannot be told from a quiet log: a configured file must exist.
  if (read.missing && checked > 0) return { ok: false, checked, anchors: { ...anchorInfo, problem: 'missing' } };
  return { ok: true, checked, anchors: anchorInfo };
}

export interface AuditQuery {
  action?: string;
  actorName?: string;
  actorId?: string;
  objectType?: string;
  /** An object id, or a case code (the case's rows are recorded under it). */
  object?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** A case code (`<county>-<8 letters>`): the log records case rows under it. */
const caseCode = /^\d{6}-[A-Z0-9]{6,}$/i;

/** The auditor's search, limited to the counties under the auditor's scope, with names for ids. @throws FORBIDDEN */
export async function searchLog(db: Db, actor: Actor, q: AuditQuery) {
  requirePermission(actor, 'audit:read');
  const prefix = countyPrefix(actor);
  const object = q.object || undefined;
  const objectType = q.objectType || (object && caseCode.test(object) ? 'case' : undefined);
  const objectId = object && objectType === 'case' ? object.toUpperCase() : object;
  // Prefecture and province auditors also see rows not tied to one county (county '000000').
  const rows = await repo.search(db, { countyPrefix: prefix, includeSystem: prefix.length < 6, action: q.action, actorName: q.actorName, actorId: q.actorId, objectType, objectId, from: q.from, to: q.to, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return rows.map(presentAuditRow);
}

/** Accounts in the auditor's scope matching `q` by username or name (the user picker). @throws FORBIDDEN */
export async function actorOptions(db: Db, actor: Actor, q: string) {
  requirePermission(actor, 'audit:read');
  return repo.actorsLike(db, scopePrefix(actor), q, 20);
}
