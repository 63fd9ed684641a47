/**
 * What an attacker with the database's owner password (but not the audit key or the anchor file) does to the
 * audit log in the tests: switch the append-only triggers off, rewrite a county chain's rows and recompute it, cut its tail.
 */
import pg from 'pg';
import { createHmac } from 'node:crypto';
import type { AppContext } from '../lib/context.ts';
import { sm3Hex } from '../lib/crypto.ts';
import { chainText } from '../modules/audit/audit-chain.ts';
import * as repo from '../modules/audit/audit.repository.ts';

type Run = (sqlText: string, params?: unknown[]) => Promise<unknown>;

/**
 * Runs statements as the schema's owner on a connection of their own (the migration URL when the app has a role of
 * its own, else the app's URL; PGlite's single connection otherwise). On Citus, switching a distributed table's
 * triggers off needs citus.enable_unsafe_triggers, which the owner may set.
 */
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

/** Changes row `id` of county `chain` with `change`, then recomputes the hash of it and of every later row of that chain so the links fit again. */
export async function rewriteAndRechain(ctx: AppContext, chain: string, id: number, change: (r: repo.AuditRow) => Partial<repo.AuditRow>, how: ForgedHash): Promise<void> {
  const rows = await repo.chainPageAfter(ctx.db, chain, id - 1, 1_000_000);
  let prev = rows[0]!.prevHash; // the link to the row before stays as it is
  await asOwner(ctx, async (run) => {
    await run('ALTER TABLE audit_log DISABLE TRIGGER USER');
    for (const r of rows) {
      const forged = { ...r, ...(r.id === id ? change(r) : {}), prevHash: prev };
      const text = chainText(forged);
      const hash = how.kind === 'sm3' ? sm3Hex(text) : createHmac('sm3', Buffer.from(how.keyHex, 'hex')).update(text).digest('hex');
      await run('UPDATE audit_log SET actor_name = $2, action = $3, prev_hash = $4, hash = $5, key_id = $6 WHERE county_code = $7 AND id = $1', [r.id, forged.actorName, forged.action, prev, hash, how.kind === 'sm3' ? null : how.keyId, chain]);
      prev = hash;
    }
    await run('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

/** Deletes the last `n` rows of county `chain` around the triggers. */
export async function deleteTail(ctx: AppContext, chain: string, n: number): Promise<void> {
  await asOwner(ctx, async (run) => {
    await run('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await run('DELETE FROM audit_log WHERE county_code = $2 AND id > (SELECT max(id) FROM audit_log WHERE county_code = $2) - $1', [n, chain]);
    await run('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}
