/**
 * The application's own PostgreSQL role, as an operator sets it up with `anwang db roles`: it reads and appends to
 * the audit log and can do nothing else to it, and the application works under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createScratchDatabase } from '../../test/scratch-db.ts';
import { loadConfig } from '../../config.ts';
import { createContext } from '../../context.ts';
import { openDatabase } from '../../db/client.ts';
import { auditTableExposure } from '../../db/roles.ts';
import { FakeClock } from '../../lib/clock.ts';
import { systemActor } from '../../lib/actor.ts';
import { ROOT_SCOPE } from '../../../core/region-code.ts';
import { recordAlone, verifyChain } from './audit.service.ts';
import type { AuditAction } from '../../../core/audit-actions.ts';

const server = process.env.DATABASE_URL;
const role = `anwang_app_${randomBytes(4).toString('hex')}`;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let appUrl: string;
let dir: string;

/** Runs one statement as the application's role; returns the error message, or 'allowed'. */
async function asApp(text: string): Promise<string> {
  const c = new pg.Client({ connectionString: appUrl });
  await c.connect();
  try {
    await c.query(text);
    return 'allowed';
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end();
  }
}

describe.skipIf(!server)('the application role on PostgreSQL (skipped on PGlite: one embedded superuser and no roles; the audit key and anchors still detect a rewrite)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anwang-roles-'));
    scratch = await createScratchDatabase(server!, 'anwang_roles');
    const r = spawnSync(process.execPath, ['bin/anwang.js', 'db', 'roles', '--name', role], { env: { ...process.env, DATABASE_URL: '', ANWANG_MIGRATE_URL: scratch.url, ANWANG_DATA_DIR: join(dir, 'data') }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    appUrl = /DATABASE_URL=(\S+)/.exec(r.stdout)![1]!;
    expect(new URL(appUrl).username).toBe(role);
  });
  afterAll(async () => {
    await scratch?.drop();
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS ${role}`).finally(() => c.end());
    rmSync(dir, { recursive: true, force: true });
  });

  it('may not alter, disable the triggers of, update, delete from or truncate the audit log', async () => {
    // Rolled back: a probe row would break the chain the next test verifies.
    expect(await asApp(`BEGIN; INSERT INTO audit_log (county_code, id, at, action, outcome, prev_hash, hash) VALUES ('000000', 999999, now(), 'probe', 'success', '${'0'.repeat(64)}', '${'0'.repeat(64)}'); ROLLBACK`)).toBe('allowed');
    expect(await asApp('SELECT count(*) FROM audit_log')).toBe('allowed');
    for (const attack of [
      'ALTER TABLE audit_log DISABLE TRIGGER USER',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'DROP TRIGGER audit_log_no_truncate ON audit_log',
      'UPDATE audit_log SET outcome = \'failure\'',
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'DROP TABLE audit_log',
      'SET session_replication_role = replica',
      'CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TABLE audit_shadow (id int)',
      "INSERT INTO schema_migrations (name, checksum) VALUES ('9999_x.sql', 'x')",
    ]) {
      expect(await asApp(attack), attack).toMatch(/permission denied|must be owner/);
    }
    // Run again (after an upgrade, or to set a password): the same role, brought up to date.
    const r = spawnSync(process.execPath, ['bin/anwang.js', 'db', 'roles', '--name', role, '--password', 'app-pass-1'], { env: { ...process.env, DATABASE_URL: '', ANWANG_MIGRATE_URL: scratch.url, ANWANG_DATA_DIR: join(dir, 'data') }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`role ${role} updated`);
    appUrl = /DATABASE_URL=(\S+)/.exec(r.stdout)![1]!;
    expect(new URL(appUrl).password).toBe('app-pass-1');
    expect(await asApp('TRUNCATE audit_log')).toMatch(/permission denied/);
  });

  it('runs the application: starts without creating anything, appends audited writes, verifies, and knows it is not exposed', async () => {
    const config = { ...loadConfig({}), databaseUrl: appUrl, secretKeyHex: '0123456789abcdeffedcba9876543210' };
    const ctx = await createContext(config, { inMemory: true, clock: new FakeClock() });
    try {
      await recordAlone(ctx.db, ctx, systemActor(ROOT_SCOPE, 'test'), { action: 'test.as-app-role' as AuditAction });
      expect(await verifyChain(ctx)).toMatchObject({ ok: true });
      expect(await auditTableExposure(ctx.database)).toEqual({ role, exposed: false, reason: undefined });
    } finally {
      await ctx.database.close();
    }
    const owner = await openDatabase({ databaseUrl: scratch.url });
    try {
      expect((await auditTableExposure(owner)).exposed).toBe(true); // the server warns when started like this
    } finally {
      await owner.close();
    }
  });

  it('refuses to start with a message naming ANWANG_MIGRATE_URL when a migration is pending that it may not apply', async () => {
    const owner = new pg.Client({ connectionString: scratch.url });
    await owner.connect();
    await owner.query("DELETE FROM schema_migrations WHERE name LIKE '0015%'").finally(() => owner.end());
    const config = { ...loadConfig({}), databaseUrl: appUrl, secretKeyHex: '0123456789abcdeffedcba9876543210' };
    await expect(createContext(config, { inMemory: true })).rejects.toThrow(/ANWANG_MIGRATE_URL/);
  });
});
