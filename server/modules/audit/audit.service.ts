/**
 * The tamper-evident audit log (等保 level 3 安全审计): time, actor, action, object, outcome and IP, each row
 * chained to the one before in its county's chain by HMAC-SM3 under an audit key kept outside the database (each
 * county appends under its own lock, so counties never wait for each other), and every chain's head anchored
 * at intervals in a file outside the database, so a changed, removed, inserted or truncated row is found by
 * `verifyChain` even when the one who changed it could write to the database.
 */
import type { Executor, Db } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { countyPrefix, requirePermission, scopePrefix } from '../../lib/access.ts';
import { presentAuditRow } from './audit.presenter.ts';
import type { AppContext } from '../../lib/context.ts';
import * as repo from './audit.repository.ts';
import { chainGenesis, GENESIS, sealRow, type LegacyChain } from './audit-chain.ts';
import { anchorLine, appendLine, type Anchor } from './audit-anchors.ts';
export { verifyChain, type ChainResult, type VerifyResult } from './audit-verify.ts';
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

/** One event to append: who acted, what, and from where. */
export interface AuditEvent {
  actor: Actor | null;
  entry: AuditEntry;
  ip?: string;
}

/** Where the legacy chain ends, read once per context (migration 0023 fixed it; it never changes). */
const legacyCache = new WeakMap<AuditContext['audit'], LegacyChain>();

/** The legacy chain's end; a database without the row (it was deleted) chains from 0, which verification names. */
export async function legacyOf(tx: Executor, ctx: AuditContext): Promise<LegacyChain> {
  const cached = legacyCache.get(ctx.audit);
  if (cached) return cached;
  const legacy = (await repo.legacyChain(tx)) ?? { lastId: 0, headHash: GENESIS };
  legacyCache.set(ctx.audit, legacy);
  return legacy;
}

/**
 * Appends a transaction's events: per county chain one lock and one head read, then every row in one INSERT.
 * Chains are locked in county order, so two batches touching the same counties never wait on each other in a cycle.
 */
export async function appendMany(tx: Executor, ctx: AuditContext, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const legacy = await legacyOf(tx, ctx);
  const byChain = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const county = e.entry.countyCode ?? '000000';
    const chain = byChain.get(county);
    if (chain) chain.push(e);
    else byChain.set(county, [e]);
  }
  const at = ctx.clock.now();
  const rows: repo.AuditRow[] = [];
  for (const county of [...byChain.keys()].sort()) {
    await repo.lockChain(tx, county);
    const head = await repo.chainHead(tx, county, legacy.lastId);
    if (!head) await repo.startChain(tx, county, at);
    let id = head?.id ?? legacy.lastId;
    let prevHash = head?.hash ?? chainGenesis(county, legacy);
    for (const { actor, entry, ip } of byChain.get(county)!) {
      const row = {
        countyCode: county,
        id: ++id,
        at,
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? null,
        action: entry.action,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId ?? null,
        outcome: entry.outcome ?? 'success',
        ip: ip ?? actor?.ip ?? null,
        detail: entry.detail ?? null,
        prevHash,
      };
      const sealed = { ...row, ...sealRow(ctx.audit.keys, row) };
      rows.push(sealed);
      prevHash = sealed.hash;
    }
  }
  await repo.insertMany(tx, rows);
}

/** Appends one entry inside the caller's transaction (or its own statement group). */
export async function record(tx: Executor, ctx: AuditContext, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await appendMany(tx, ctx, [{ actor, entry, ip }]);
}

/** Appends one entry in a transaction of its own (for outcomes recorded while the request fails). */
export async function recordAlone(db: Db, ctx: AuditContext, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await db.transaction((tx) => record(tx, ctx, actor, entry, ip));
}

/** The last head each anchor file received from this process, per chain: an unchanged head is not written again. */
const lastAnchored = new Map<string, string>();

/**
 * Appends every chain's current head to the anchor file (the scheduler every minute and at shutdown, each CLI
 * command at its end), one line per chain whose head moved; returns the anchors written (none without a file).
 */
export async function anchorHead(ctx: Pick<AppContext, 'db' | 'clock' | 'audit'>): Promise<Anchor[]> {
  const file = ctx.audit.anchorFile;
  if (!file) return [];
  const legacy = await legacyOf(ctx.db, ctx);
  const legacyThrough = await repo.lastUnkeyedId(ctx.db);
  const written: Anchor[] = [];
  for (const chain of await repo.startedChains(ctx.db)) {
    const head = await repo.chainHead(ctx.db, chain, legacy.lastId);
    if (!head) continue; // started with no rows left: verification names it, an anchor would add nothing
    const { id, hash } = head;
    const key = `${file}\n${chain}`;
    if (lastAnchored.get(key) === `${id}:${hash}`) continue;
    const line = anchorLine(ctx.audit.keys, { chain, legacyEnd: legacy.lastId, id, hash, at: ctx.clock.now().toISOString(), legacyThrough });
    appendLine(file, line);
    lastAnchored.set(key, `${id}:${hash}`);
    written.push(JSON.parse(line) as Anchor);
  }
  return written;
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
