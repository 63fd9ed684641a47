/** I/O for integration tokens (only their SM3 hashes are stored). */
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type TokenRow = typeof apiTokens.$inferSelect;

/** Stores a token. */
export async function insert(ex: Executor, row: TokenRow): Promise<void> {
  await ex.insert(apiTokens).values(row);
}

/** A live token by hash. */
export async function findLiveByHash(ex: Executor, hash: string): Promise<TokenRow | undefined> {
  const [row] = await ex.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  return row;
}

/** Tokens whose scope lies under a prefix. */
export async function listUnder(ex: Executor, prefix: string): Promise<TokenRow[]> {
  return ex.select().from(apiTokens).where(like(apiTokens.scopeCode, `${prefix}%`)).orderBy(asc(apiTokens.createdAt));
}

/** One token under a prefix. */
export async function findInScope(ex: Executor, id: string, prefix: string): Promise<TokenRow | undefined> {
  const [row] = await ex.select().from(apiTokens).where(and(eq(apiTokens.id, id), like(apiTokens.scopeCode, `${prefix}%`)));
  return row;
}

/** Revokes a token. */
export async function revoke(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
}

/** Records use (at most once a minute per token, decided by the caller). */
export async function touch(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}
