/**
 * Side effects after commit: a transition writes outbox rows in its own transaction, and this job delivers
 * them (in-app notifications, SMS to reporters). Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * server processes deliver each message once; a failure is retried with back-off. Claims go county by county,
 * one transaction each (on Citus only a single-shard query may lock rows). Messages name the record
 * they are about (`subject`), so any workflow (cases, petitions …) uses the same outbox.
 */
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './outbox.repository.ts';
import * as notices from './notifications.repository.ts';

/** The record a message or notice is about; `code` is what a link opens (a case's code: /cases/<code>). */
export interface SubjectRef {
  type: string;
  id: string;
  code?: string;
}

/**
 * What the outbox can carry: kind → payload. A module adds its own kinds by augmenting this interface
 * (`declare module '…/outbox/outbox.service.ts'`) and registering a deliverer for them (`registerDeliverer`).
 */
export interface OutboxMessages {
  /** In-app notification to staff about a record. */
  notify: { userIds: string[]; subject: SubjectRef; text: string };
  /** SMS to a reporter (phone encrypted; decrypted only at delivery). */
  sms: { phoneEnc: string; text: string; subject: SubjectRef };
  /** In-app security alert to staff (e.g. the security administrators), about no record. */
  alert: { userIds: string[]; text: string };
}

/** One message of any kind. */
export type OutboxMessage = { [K in keyof OutboxMessages]: { kind: K } & OutboxMessages[K] }[keyof OutboxMessages];

/** Delivers one message inside the delivery transaction; throws to retry later. */
export type Deliverer<K extends keyof OutboxMessages> = (ctx: AppContext, tx: Executor, msg: { kind: K } & OutboxMessages[K], row: { countyCode: string }, now: Date) => Promise<void>;

const deliverers: { [K in keyof OutboxMessages]?: Deliverer<K> } = {
  notify: async (_ctx, tx, msg, row, now) => {
    const s = msg.subject;
    await notices.insert(tx, msg.userIds.map((userId) => ({ userId, countyCode: row.countyCode, subjectType: s.type, subjectId: s.id, subjectCode: s.code ?? null, kind: s.type, text: msg.text, createdAt: now })));
  },
  alert: async (_ctx, tx, msg, row, now) => {
    await notices.insert(tx, msg.userIds.map((userId) => ({ userId, countyCode: row.countyCode, subjectType: null, subjectId: null, subjectCode: null, kind: 'security', text: msg.text, createdAt: now })));
  },
  sms: async (ctx, _tx, msg) => ctx.sms.send(ctx.crypto.decrypt(msg.phoneEnc), msg.text),
};

/** Registers the deliverer of a kind a module added to OutboxMessages. */
export function registerDeliverer<K extends keyof OutboxMessages>(kind: K, fn: Deliverer<K>): void {
  (deliverers as Record<string, unknown>)[kind] = fn;
}

/** Queues a message inside the caller's transaction. */
export async function enqueue(tx: Executor, at: Date, countyCode: string, msg: OutboxMessage): Promise<void> {
  await repo.insert(tx, { countyCode, kind: msg.kind, payload: msg as unknown as Record<string, unknown>, at });
}

/** Queues several messages inside the caller's transaction, in one statement (group commit). */
export async function enqueueMany(tx: Executor, msgs: { at: Date; countyCode: string; msg: OutboxMessage }[]): Promise<void> {
  if (msgs.length) await repo.insertMany(tx, msgs.map((m) => ({ countyCode: m.countyCode, kind: m.msg.kind, payload: m.msg as unknown as Record<string, unknown>, at: m.at })));
}

/** Delivers due messages; returns how many were delivered. */
export async function deliverDue(ctx: AppContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  let delivered = 0;
  let left = limit;
  for (const county of await repo.countiesWithDue(ctx.db, now)) {
    if (left <= 0) break;
    await ctx.db.transaction(async (tx) => {
      const due = await repo.claimDue(tx, now, left, county);
      left -= due.length;
      for (const row of due) {
        const msg = row.payload as unknown as OutboxMessage;
        try {
          const deliver = deliverers[msg.kind] as Deliverer<typeof msg.kind> | undefined;
          if (!deliver) throw new Error(`no deliverer for outbox kind ${msg.kind}`);
          await deliver(ctx, tx, msg as never, row, now);
          await repo.markDelivered(tx, row, now);
          delivered++;
        } catch (e) {
          // Back off 1, 2, 4 … minutes, at most an hour.
          const wait = Math.min(60, 2 ** row.attempts) * 60_000;
          await repo.markFailed(tx, row, new Date(now.getTime() + wait), (e as Error).message);
        }
      }
    });
  }
  return delivered;
}

/** Undelivered messages. */
export function pending(ctx: AppContext): Promise<number> {
  return repo.pendingCount(ctx.db);
}
