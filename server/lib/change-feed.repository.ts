/** I/O of the change feed: one NOTIFY, sent inside the writing transaction so it is delivered only on commit. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/** The channel every server process listens on. */
export const CHANGE_CHANNEL = 'anwang_changes';

/** Queues a notification on the channel; PostgreSQL delivers it when (and only if) the transaction commits. */
export async function notify(tx: Executor, payload: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${payload})`);
}
