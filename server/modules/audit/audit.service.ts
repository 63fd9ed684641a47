/**
 * The tamper-evident audit log (等保 level 3 安全审计): time, actor, action, object, outcome and IP,
 * each row chained to the one before by SM3, so a changed, removed or inserted row breaks the chain.
 */
import type { Executor, Db } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import type { Clock } from '../../lib/clock.ts';
import * as repo from './audit.repository.ts';
import { AppError } from '../../../core/errors.ts';
import { can } from '../../../core/roles.ts';
import { subtreePrefix } from '../../../core/region-code.ts';

const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  /** 6-digit county the object belongs to; '000000' for prefecture-wide and system events. */
  countyCode?: string;
  /** Non-personal context (never passwords, ID numbers or phone numbers). */
  detail?: Record<string, unknown>;
}

/** The text each row's hash covers. */
function chainText(row: Omit<repo.AuditRow, 'hash'>): string {
  return canonicalJson([row.id, row.countyCode, row.at.toISOString(), row.actorId, row.actorName, row.action, row.objectType, row.objectId, row.outcome, row.ip, row.detail, row.prevHash]);
}

/** Appends one entry inside the caller's transaction (or its own statement group). */
export async function record(tx: Executor, clock: Clock, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await repo.lockChain(tx);
  const last = await repo.lastRow(tx);
  const row: Omit<repo.AuditRow, 'hash'> = {
    countyCode: entry.countyCode ?? '000000',
    id: (last?.id ?? 0) + 1,
    at: clock.now(),
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
  await repo.insert(tx, { ...row, hash: sm3Hex(chainText(row)) });
}

/** Appends one entry in a transaction of its own (for outcomes recorded while the request fails). */
export async function recordAlone(db: Db, clock: Clock, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
  await db.transaction((tx) => record(tx, clock, actor, entry, ip));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row that does not fit the chain, and why. */
  firstBroken?: { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' };
}

/** Walks the whole chain in id order and names the first broken row. */
export async function verifyChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await repo.pageAfter(db, expectedId - 1, 2000);
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.id !== expectedId) return { ok: false, checked, firstBroken: { id: expectedId, reason: 'gap' } };
      if (r.prevHash !== prevHash) return { ok: false, checked, firstBroken: { id: r.id, reason: 'prev_hash_mismatch' } };
      const { hash, ...rest } = r;
      if (sm3Hex(chainText(rest)) !== hash) return { ok: false, checked, firstBroken: { id: r.id, reason: 'hash_mismatch' } };
      prevHash = hash;
      expectedId++;
      checked++;
    }
  }
}

export interface AuditQuery {
  action?: string;
  actorName?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** The auditor's search, limited to the counties under the auditor's scope. @throws FORBIDDEN */
export async function searchLog(db: Db, actor: Actor, q: AuditQuery) {
  if (!can(actor.role, 'audit:read')) throw new AppError('FORBIDDEN');
  const prefix = subtreePrefix(actor.scopeCode).slice(0, 6);
  // Prefecture and province auditors also see rows not tied to one county (county '000000').
  return repo.search(db, { countyPrefix: prefix, includeSystem: prefix.length < 6, action: q.action, actorName: q.actorName, from: q.from, to: q.to, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}
