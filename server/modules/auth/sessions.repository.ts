/** I/O for sign-in sessions, keyed by the SM3 hash of the cookie value. */
import { and, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { sessions } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type SessionRow = typeof sessions.$inferSelect;

/** Stores a new session. */
export async function insert(ex: Executor, row: SessionRow): Promise<void> {
  await ex.insert(sessions).values(row);
}

/** One session by hash. */
export async function find(ex: Executor, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await ex.select().from(sessions).where(eq(sessions.idHash, idHash));
  return row;
}

/** Marks activity (extends the idle timeout). */
export async function touch(ex: Executor, idHash: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
}

/** Moves a session to another stage. */
export async function setStage(ex: Executor, idHash: string, stage: 'enrol' | 'password' | 'full'): Promise<void> {
  await ex.update(sessions).set({ stage }).where(eq(sessions.idHash, idHash));
}

/** Ends one session. */
export async function remove(ex: Executor, idHash: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user (after a role, scope, password or factor change). */
export async function removeForUser(ex: Executor, userId: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.userId, userId));
}

/** Deletes sessions idle since before `cutoff`. */
export async function removeIdleBefore(ex: Executor, cutoff: Date): Promise<void> {
  await ex.delete(sessions).where(lt(sessions.lastSeenAt, cutoff));
}

/** Ends a user's sessions other than `current` beyond the newest `keepOthers`; returns how many ended. */
export async function trimForUser(ex: Executor, userId: string, current: string, keepOthers: number): Promise<number> {
  const old = await ex
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.idHash, current)))
    .orderBy(desc(sessions.createdAt), desc(sessions.lastSeenAt))
    .offset(keepOthers);
  if (!old.length) return 0;
  await ex.delete(sessions).where(and(eq(sessions.userId, userId), inArray(sessions.idHash, old.map((o) => o.idHash))));
  return old.length;
}
