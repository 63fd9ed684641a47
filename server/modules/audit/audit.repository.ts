/** I/O for the audit log: lock a county's chain, read its head, append rows, read a chain's rows in order. */
import { and, asc, desc, eq, gt, gte, ilike, isNull, like, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditChains, auditLegacyChain, auditLog, users } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { insertRows } from '../../db/fast-insert.ts';

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Serialises appends to one chain so each row links to the one before it (held until the transaction ends);
 * other chains' appends do not wait. The two-key form keeps these locks apart from every single-key lock.
 */
export async function lockChain(tx: Executor, countyCode: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7263002, hashtext(${countyCode}::text))`);
}

/** A county chain's newest row (ids above the legacy chain's), or undefined before its first: a single-county query. */
export async function chainHead(tx: Executor, countyCode: string, legacyLastId: number): Promise<Pick<AuditRow, 'id' | 'hash'> | undefined> {
  const [row] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .where(and(eq(auditLog.countyCode, countyCode), gt(auditLog.id, legacyLastId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

/** Where the legacy chain ends (migration 0023 wrote it), or undefined when the row is missing. */
export async function legacyChain(tx: Executor): Promise<{ lastId: number; headHash: string } | undefined> {
  const [row] = await tx.select().from(auditLegacyChain).limit(1);
  return row;
}

/** Records that a county's chain has started (in the transaction of its first row). */
export async function startChain(tx: Executor, countyCode: string, at: Date): Promise<void> {
  await tx.insert(auditChains).values({ countyCode, startedAt: at }).onConflictDoNothing();
}

/** The county chains that have started. */
export async function startedChains(tx: Executor): Promise<string[]> {
  return (await tx.select({ c: auditChains.countyCode }).from(auditChains).orderBy(asc(auditChains.countyCode))).map((r) => r.c);
}

/** The counties holding rows after the legacy chain (a full scan: for verification only). */
export async function countiesWithRows(tx: Executor, legacyLastId: number): Promise<string[]> {
  return (await tx.selectDistinct({ c: auditLog.countyCode }).from(auditLog).where(gt(auditLog.id, legacyLastId))).map((r) => r.c);
}

/** The id of the last row hashed with plain SM3 (written before migration 0015), 0 when there is none. */
export async function lastUnkeyedId(tx: Executor): Promise<number> {
  const [row] = await tx.select({ id: max(auditLog.id) }).from(auditLog).where(isNull(auditLog.keyId));
  return Number(row?.id ?? 0);
}

/** Inserts fully formed rows in one statement. */
export async function insertMany(tx: Executor, rows: AuditRow[]): Promise<void> {
  await insertRows(tx, auditLog, rows);
}

/** Legacy-chain rows with afterId < id <= lastId in id order, a page at a time (for verification). */
export async function legacyPageAfter(tx: Executor, afterId: number, lastId: number, limit: number): Promise<AuditRow[]> {
  return tx.select().from(auditLog).where(and(gt(auditLog.id, afterId), lte(auditLog.id, lastId))).orderBy(asc(auditLog.id)).limit(limit);
}

/** One county's rows with id > afterId in id order, a page at a time (for verification). */
export async function chainPageAfter(tx: Executor, countyCode: string, afterId: number, limit: number): Promise<AuditRow[]> {
  return tx.select().from(auditLog).where(and(eq(auditLog.countyCode, countyCode), gt(auditLog.id, afterId))).orderBy(asc(auditLog.id)).limit(limit);
}

export interface AuditFilter {
  countyPrefix: string;
  /** Also rows not tied to a county (county '000000'): logins, system events. */
  includeSystem: boolean;
  action?: string;
  actorName?: string;
  actorId?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** A row with the names its ids stand for: the acting user's and, for an account, the object's. */
export type NamedAuditRow = AuditRow & { actorDisplayName: string | null; actorRole: string | null; objectUserName: string | null };

const actorUser = alias(users, 'actor_user');
const objectUser = alias(users, 'object_user');

/**
 * Newest-first search for the auditor's screen. Accounts are joined by id to name the actor and an account
 * object (the log keeps ids, which stay true when a name changes; the name shown is today's).
 */
export async function search(tx: Executor, f: AuditFilter): Promise<NamedAuditRow[]> {
  const where: SQL[] = [];
  const county = like(auditLog.countyCode, `${f.countyPrefix}%`);
  where.push(f.includeSystem ? or(county, eq(auditLog.countyCode, '000000'))! : county);
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorName) where.push(eq(auditLog.actorName, f.actorName));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.objectType) where.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) where.push(eq(auditLog.objectId, f.objectId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  const rows = await tx
    .select({ row: auditLog, actorDisplayName: actorUser.displayName, actorRole: actorUser.role, objectUserName: objectUser.displayName })
    .from(auditLog)
    .leftJoin(actorUser, sql`${actorUser.id}::text = ${auditLog.actorId}`)
    .leftJoin(objectUser, and(eq(auditLog.objectType, 'user'), sql`${objectUser.id}::text = ${auditLog.objectId}`))
    .where(and(...where))
    // Ids count within a chain, not across them: newest first is by time (then chain and id for a stable order).
    .orderBy(desc(auditLog.at), desc(auditLog.countyCode), desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  return rows.map((r) => ({ ...r.row, actorDisplayName: r.actorDisplayName, actorRole: r.actorRole, objectUserName: r.objectUserName }));
}

/** Accounts whose username or name holds `q`, inside a scope prefix (the audit page's user picker). */
export async function actorsLike(tx: Executor, scopePrefix: string, q: string, limit: number) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(like(users.scopeCode, `${scopePrefix}%`), q ? or(ilike(users.username, pattern), ilike(users.displayName, pattern)) : undefined))
    .orderBy(asc(users.username))
    .limit(limit);
}
