/**
 * Side effects after commit: a transition writes outbox rows in its own transaction, and this job delivers
 * them (in-app notifications, SMS to reporters). Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * server processes deliver each message once; a failure is retried with back-off.
 */
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './outbox.repository.ts';

/** What the outbox can carry. */
export type OutboxMessage =
  /** In-app notification to staff. */
  | { kind: 'notify'; userIds: string[]; caseId: string; text: string }
  /** SMS to a reporter (phone encrypted; decrypted only at delivery). */
  | { kind: 'sms'; phoneEnc: string; text: string; caseId: string }
  /** In-app security alert to staff (e.g. the security administrators), about no case. */
  | { kind: 'alert'; userIds: string[]; text: string };

/** Queues a message inside the caller's transaction. */
export async function enqueue(tx: Executor, at: Date, countyCode: string, msg: OutboxMessage): Promise<void> {
  await repo.insert(tx, { countyCode, kind: msg.kind, payload: msg as unknown as Record<string, unknown>, at });
}

/** Delivers due messages; returns how many were delivered. */
export async function deliverDue(ctx: AppContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  let delivered = 0;
  await ctx.db.transaction(async (tx) => {
    for (const row of await repo.claimDue(tx, now, limit)) {
      const msg = row.payload as unknown as OutboxMessage;
      try {
        if (msg.kind === 'notify') {
          await repo.notify(tx, msg.userIds.map((userId) => ({ userId, countyCode: row.countyCode, caseId: msg.caseId, kind: 'case', text: msg.text, createdAt: now })));
        } else if (msg.kind === 'alert') {
          await repo.notify(tx, msg.userIds.map((userId) => ({ userId, countyCode: row.countyCode, caseId: null, kind: 'security', text: msg.text, createdAt: now })));
        } else if (msg.kind === 'sms') {
          await ctx.sms.send(ctx.crypto.decrypt(msg.phoneEnc), msg.text);
        }
        await repo.markDelivered(tx, row, now);
        delivered++;
      } catch (e) {
        // Back off 1, 2, 4 … minutes, at most an hour.
        const wait = Math.min(60, 2 ** row.attempts) * 60_000;
        await repo.markFailed(tx, row, new Date(now.getTime() + wait), (e as Error).message);
      }
    }
  });
  return delivered;
}

/** The signed-in user's notifications, newest first. */
export async function myNotifications(ctx: AppContext, userId: string) {
  const rows = await repo.notificationsOf(ctx.db, userId, 50);
  return rows.map((n) => ({ id: n.id, caseId: n.caseId, text: n.text, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
}

/** Marks the user's notifications read. */
export async function markAllRead(ctx: AppContext, userId: string): Promise<void> {
  await repo.markRead(ctx.db, userId, ctx.clock.now());
}

/** Undelivered messages. */
export function pending(ctx: AppContext): Promise<number> {
  return repo.pendingCount(ctx.db);
}
