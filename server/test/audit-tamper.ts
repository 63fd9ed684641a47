/**
 * What an attacker with the database's owner password (but not the audit key or the anchor file) does to the
 * audit log in the tests: switch the append-only triggers off, rewrite rows, recompute the chain, cut the tail.
 */
import pg from 'pg';
import { createHmac } from 'node:crypto';
import type { AppContext } from '../lib/context.ts';
import { sm3Hex } from '../lib/crypto.ts';
import { chainText } from '../modules/audit/audit-chain.ts';
import * as repo from '../modules/audit/audit.repository.ts';

type Run = (sqlText: string, params?: unknown[]) => Promise<unknown>;

/** Runs statements as the schema's owner: the migration URL when the app has a role of its own, else the app's connection. */
export async function asOwner(ctx: AppContext, fn: (run: Run) => Promise<void>): Promise<void> {
  const url = ctx.config.migrateUrl ?? ctx.config.databaseUrl;
  if (!url) return fn((text, params) => ctx.database.query(text, params));
  // One connection throughout: on Citus, switching a distributed table's triggers needs this session setting.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    if ((await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount) await c.query('SET citus.enable_unsafe_triggers TO on');
    await fn((text, params) => c.query(text, params));
  } finally {
    await c.end();
  }
}

/** How the attacker hashes: plain SM3 (as before the keyed chain), or HMAC-SM3 under a key they chose, labelled with a key id. */
export type ForgedHash = { kind: 'sm3' } | { kind: 'hmac'; keyHex: string; keyId: string };

/** Changes row `id` with `change`, then recomputes the hash of it and of every later row so the links fit again. */
export async function rewriteAndRechain(ctx: AppContext, id: number, change: (r: repo.AuditRow) => Partial<repo.AuditRow>, how: ForgedHash): Promise<void> {
  const rows = await repo.pageAfter(ctx.db, id - 2, 1_000_000);
  let prev = rows[0]!.id === id ? rows[0]!.prevHash : rows.shift()!.hash;
  await asOwner(ctx, async (run) => {
    await run('ALTER TABLE audit_log DISABLE TRIGGER USER');
    for (const r of rows) {
      const forged = { ...r, ...(r.id === id ? change(r) : {}), prevHash: prev };
      const text = chainText(forged);
      const hash = how.kind === 'sm3' ? sm3Hex(text) : createHmac('sm3', Buffer.from(how.keyHex, 'hex')).update(text).digest('hex');
      await run('UPDATE audit_log SET actor_name = $2, action = $3, prev_hash = $4, hash = $5, key_id = $6 WHERE id = $1', [r.id, forged.actorName, forged.action, prev, hash, how.kind === 'sm3' ? null : how.keyId]);
      prev = hash;
    }
    await run('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

/** Deletes the last `n` rows around the triggers. */
export async function deleteTail(ctx: AppContext, n: number): Promise<void> {
  await asOwner(ctx, async (run) => {
    await run('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await run('DELETE FROM audit_log WHERE id > (SELECT max(id) FROM audit_log) - $1', [n]);
    await run('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}
