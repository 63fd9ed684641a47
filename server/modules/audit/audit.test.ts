/**
 * The audit chains: one per county, keyed hashes (HMAC-SM3 under a key outside the database), the rows of the single
 * chain before migration 0023 still verified, anchors of every chain's head outside the database, UPDATE, DELETE and
 * TRUNCATE refused, every chain unbroken under concurrency, and counties appending without waiting for each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { asOwner, rewriteAndRechain } from '../../test/audit-tamper.ts';
import { systemActor } from '../../lib/actor.ts';
import { keyId, loadAuditKeys, loadKeyRing, sm3Hex } from '../../lib/crypto.ts';
import { ROOT_SCOPE } from '../../../core/region-code.ts';
import { startScheduler } from '../../jobs/scheduler.ts';
import { chainGenesis, chainText, GENESIS, sealRow } from './audit-chain.ts';
import * as repo from './audit.repository.ts';
import { anchorHead, appendMany, record, recordAlone, verifyChain } from './audit.service.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { grantAppRole } from '../../db/roles.ts';
import { hasCitus } from '../../db/distribute.ts';
import { anchorLine, appendLine } from './audit-anchors.ts';
import type { AuditAction } from '../../../core/audit-actions.ts';

let env: TestEnv;
let dir: string;
const anchorFile = () => join(dir, 'anchors.jsonl');
const actor = systemActor(ROOT_SCOPE, 'test');
/** Every row of the counties these tests write, county by county in id order. */
const rows = async () => (await Promise.all(['000000', '632221', '632222'].map(chainRows))).flat();
/** One county's rows in id order (the legacy rows of that county included). */
const chainRows = (county: string) => repo.chainPageAfter(env.ctx.db, county, 0, 100_000);
/** The audit key the harness's lookup key derives (the test environment's ANWANG secret). */
const AUDIT_KEY_HEX = createHmac('sm3', Buffer.from('0123456789abcdeffedcba9876543210', 'hex')).update('anwang audit chain v1').digest('hex');

/** Runs `fn` with a database handle of the schema's owner (the migration URL under an app role). */
async function asOwnerDatabase(fn: (owner: Database) => Promise<unknown>): Promise<void> {
  if (!env.ctx.config.migrateUrl) return void (await fn(env.ctx.database));
  const owner = await openDatabase({ databaseUrl: env.ctx.config.migrateUrl });
  try {
    await fn(owner);
  } finally {
    await owner.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anwang-audit-'));
  env = await createTestEnv({ config: { auditAnchorFile: join(dir, 'anchors.jsonl') } });
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one keyed audit chain per county', () => {
  it('keeps the rows written before 0023 as the legacy chain; each county chain starts from a genesis committing to its head', async () => {
    // Three rows as the single global chain wrote them, e.g. before the upgrade: two plain SM3 (before 0015), one keyed.
    let prev = GENESIS;
    await asOwner(env.ctx, async (run) => {
      for (const id of [1, 2, 3]) {
        const row = { countyCode: id === 3 ? '632221' : '000000', id, at: new Date('2026-01-0' + id + 'T00:00:00Z'), actorId: null, actorName: 'cli', action: 'regions.import', objectType: null, objectId: null, outcome: 'success', ip: null, detail: { n: id }, prevHash: prev };
        const { hash, keyId: k } = id === 3 ? sealRow(env.ctx.audit.keys, row) : { hash: sm3Hex(chainText(row)), keyId: null };
        await run('INSERT INTO audit_log (county_code, id, at, actor_name, action, outcome, detail, prev_hash, hash, key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [row.countyCode, id, row.at, 'cli', row.action, 'success', JSON.stringify(row.detail), prev, hash, k]);
        prev = hash;
      }
      // Migration 0023 runs now, over those rows (the tables it made on the empty log are made again).
      await run('DROP TABLE audit_chains, audit_legacy_chain');
      await run(`DELETE FROM schema_migrations WHERE name = '0023_audit_chain_per_county.sql'`);
    });
    // The server before the upgrade anchored the global chain's head in the old format (no chain named).
    appendLine(anchorFile(), anchorLine(env.ctx.audit.keys, { id: 3, hash: prev, at: '2026-01-03T00:01:00.000Z', legacyThrough: 2 }));
    await asOwnerDatabase(async (owner) => {
      await migrate(owner);
      // As `anwang db roles` is run again after an upgrade: the application's grants on the tables just made.
      if (env.ctx.config.migrateUrl) await grantAppRole(owner, new URL(env.ctx.config.databaseUrl!).username);
    });
    expect(await repo.legacyChain(env.ctx.db)).toEqual({ lastId: 3, headHash: prev });
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.keyed' as AuditAction });
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.keyed' as AuditAction, countyCode: '632221' });
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.keyed' as AuditAction });
    await anchorHead(env.ctx); // the server's first anchors after the upgrade pin where the legacy chain ends
    const system = await chainRows('000000');
    const county = await chainRows('632221');
    expect(system.map((r) => [r.id, r.keyId])).toEqual([[1, null], [2, null], [4, env.ctx.audit.keys.currentId], [5, env.ctx.audit.keys.currentId]]);
    expect(county.map((r) => r.id)).toEqual([3, 4]);
    expect(system[2]!.prevHash).toBe(chainGenesis('000000', { lastId: 3, headHash: prev }));
    expect(county[1]!.prevHash).toBe(chainGenesis('632221', { lastId: 3, headHash: prev }));
    // The harness's keys come from the environment: the audit key is derived from the lookup key, never stored.
    const { hash, keyId: _, ...third } = system[2]!;
    expect(hash).toBe(createHmac('sm3', Buffer.from(AUDIT_KEY_HEX, 'hex')).update(chainText(third)).digest('hex'));
    expect(hash).not.toBe(sm3Hex(chainText(third)));
    const r = await verifyChain(env.ctx);
    expect(r).toMatchObject({ ok: true, checked: 6, anchors: { count: 3 } });
    expect(r.chains.map((c) => [c.chain, c.checked])).toEqual([['legacy', 3], ['000000', 2], ['632221', 1]]);
  });

  it('names the one county chain holding a rewritten row; the other chains still verify', async () => {
    await rewriteAndRechain(env.ctx, '632221', 4, () => ({ actorName: 'someone-else' }), { kind: 'hmac', keyHex: 'ab'.repeat(32), keyId: env.ctx.audit.keys.currentId });
    const r = await verifyChain(env.ctx);
    expect(r.firstBroken).toEqual({ chain: '632221', id: 4, reason: 'hash_mismatch' });
    expect(r.chains.map((c) => [c.chain, c.ok])).toEqual([['legacy', true], ['000000', true], ['632221', false]]);
    expect(await verifyChain(env.ctx, '000000')).toMatchObject({ ok: true, chains: [{ chain: '000000', ok: true, checked: 2 }] });
    await rewriteAndRechain(env.ctx, '632221', 4, () => ({ actorName: actor.name }), { kind: 'hmac', keyHex: AUDIT_KEY_HEX, keyId: env.ctx.audit.keys.currentId });
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('refuses a plain-SM3 row in a county chain, even when every later row is plain too', async () => {
    await rewriteAndRechain(env.ctx, '000000', 4, (r) => ({ actorName: r.actorName }), { kind: 'sm3' });
    expect((await verifyChain(env.ctx)).firstBroken).toEqual({ chain: '000000', id: 4, reason: 'unkeyed' });
    // Put the keyed rows back as they were (the owner again) for the tests below.
    await rewriteAndRechain(env.ctx, '000000', 4, (r) => ({ actorName: r.actorName }), { kind: 'hmac', keyHex: AUDIT_KEY_HEX, keyId: env.ctx.audit.keys.currentId });
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('names the legacy chain when where it ends is moved in the database, against the anchors', async () => {
    await asOwner(env.ctx, (run) => run('UPDATE audit_legacy_chain SET last_id = 2').then(() => undefined));
    expect((await verifyChain(env.ctx)).firstBroken).toMatchObject({ chain: 'legacy', reason: 'anchor_mismatch' });
    await asOwner(env.ctx, (run) => run('UPDATE audit_legacy_chain SET last_id = 3').then(() => undefined));
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('refuses TRUNCATE of the audit log, even for its owner', async () => {
    let refused: Error | undefined;
    await asOwner(env.ctx, (run) => run('TRUNCATE audit_log').then(() => undefined, (e: Error) => void (refused = e)));
    expect(refused?.message).toMatch(/append-only/);
    // With ANWANG_TEST_APP_ROLE=1 on PostgreSQL the application's own connection may not even try.
    if (env.ctx.config.migrateUrl) await expect(env.ctx.database.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    expect((await rows()).length).toBe(6);
  });

  it('refuses the application an UPDATE or a DELETE of the audit log and of its chain register', async () => {
    // Under its own role (ANWANG_TEST_APP_ROLE=1) the privileges refuse; as the owner (PGlite, or no app role) the trigger does.
    const refusal = env.ctx.config.migrateUrl ? /permission denied/ : /append-only/;
    await expect(env.ctx.database.query(`UPDATE audit_log SET outcome = 'failure' WHERE county_code = '632221'`)).rejects.toThrow(refusal);
    await expect(env.ctx.database.query(`DELETE FROM audit_log WHERE county_code = '632221'`)).rejects.toThrow(refusal);
    if (env.ctx.config.migrateUrl) {
      await expect(env.ctx.database.query(`DELETE FROM audit_chains`)).rejects.toThrow(/permission denied/);
      await expect(env.ctx.database.query(`UPDATE audit_legacy_chain SET last_id = 0`)).rejects.toThrow(/permission denied/);
    }
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('keeps every chain unbroken when many requests append at once to several counties', async () => {
    const before = (await rows()).length;
    const counties = ['000000', '632221', '632222'];
    await Promise.all(Array.from({ length: 24 }, (_, i) => recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.concurrent' as AuditAction, countyCode: counties[i % 3], detail: { i } })));
    const r = await verifyChain(env.ctx);
    expect(r).toMatchObject({ ok: true, checked: before + 24 });
    expect((await chainRows('632222')).map((x) => x.id)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('appends a batch of one transaction in order, chain by chain', async () => {
    const heads = { a: (await chainRows('632221')).at(-1)!.id, s: (await chainRows('000000')).at(-1)!.id };
    const events = (['632221', '000000', '632221', '632221', '000000'] as const).map((countyCode, i) => ({ actor, entry: { action: 'test.batch' as AuditAction, countyCode, detail: { i } } }));
    await env.ctx.db.transaction((tx) => appendMany(tx, env.ctx, events));
    const batch = (await rows()).filter((x) => x.action === 'test.batch');
    expect(batch.filter((x) => x.countyCode === '632221').map((x) => [x.id, (x.detail as { i: number }).i])).toEqual([[heads.a + 1, 0], [heads.a + 2, 2], [heads.a + 3, 3]]);
    expect(batch.filter((x) => x.countyCode === '000000').map((x) => [x.id, (x.detail as { i: number }).i])).toEqual([[heads.s + 1, 1], [heads.s + 2, 4]]);
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it.skipIf(!process.env.DATABASE_URL)('lets one county append while another county’s chain lock is held, and makes the same county wait (skipped on PGlite: one connection)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = env.ctx.db.transaction(async (tx) => {
      await record(tx, env.ctx, actor, { action: 'test.hold' as AuditAction, countyCode: '632221' });
      locked();
      await held;
    });
    await isLocked;
    // Another county's chain: appended and committed while 632221's lock is held (it would hang here if it waited).
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.other' as AuditAction, countyCode: '632222' });
    expect((await chainRows('632222')).at(-1)!.action).toBe('test.other');
    // The same county's chain waits for the lock: seen waiting in pg_locks, done once the holder commits.
    const same = recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.same' as AuditAction, countyCode: '632221' });
    await expect.poll(async () => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 7263002 AND NOT granted`))[0]!.n).toBe(1);
    release();
    await holder;
    await same;
    expect((await chainRows('632221')).slice(-2).map((x) => x.action)).toEqual(['test.hold', 'test.same']);
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('on Citus: reads a chain head from one shard (a router query) and keeps the chain register beside its rows (skipped elsewhere)', async (t) => {
    if (!(await hasCitus(env.ctx.database))) return t.skip();
    const q = <T>(text: string) => env.ctx.database.query<T>(text);
    const plan = (await q<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id, hash FROM audit_log WHERE county_code = '632221' AND id > 3 ORDER BY id DESC LIMIT 1`)).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('Task Count: 1');
    const [co] = await q<{ same: boolean }>(`SELECT (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'audit_chains'::regclass) = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'audit_log'::regclass) AS same`);
    expect(co!.same).toBe(true);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM pg_dist_partition WHERE logicalrelid = 'audit_legacy_chain'::regclass AND partmethod = 'n'`))[0]!.n).toBe(1); // a reference table
  });
});

describe('anchors outside the database', () => {
  it('are appended by the scheduler at start and at stop, one MAC’d line per chain whose head moved, in a 0600 file', async () => {
    const heads = async () => Promise.all(['000000', '632221', '632222'].map(async (c) => (await chainRows(c)).at(-1)!));
    writeFileSync(anchorFile(), '');
    const before = await heads();
    const scheduler = startScheduler(env.ctx, 60_000, () => undefined);
    await expect.poll(() => readFileSync(anchorFile(), 'utf8').trim().split('\n').length).toBe(3);
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.after-start' as AuditAction });
    await scheduler.stop();
    const lines = readFileSync(anchorFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const system = (await heads())[0]!;
    expect(lines.map((a) => [a.chain, a.id, a.hash])).toEqual([...before.map((h) => [h.countyCode, h.id, h.hash]), ['000000', system.id, system.hash]]);
    expect(lines[3]).toMatchObject({ legacyEnd: 3, legacyThrough: 2, keyId: env.ctx.audit.keys.currentId });
    expect(statSync(anchorFile()).mode & 0o777).toBe(0o600);
    expect(await anchorHead(env.ctx)).toEqual([]); // no head has moved: nothing new to write
    expect(await verifyChain(env.ctx)).toMatchObject({ ok: true, anchors: { count: 4 } });
  });

  it('are refused when a line was edited, and their absence fails the check', async () => {
    const good = readFileSync(anchorFile(), 'utf8');
    const lines = good.trim().split('\n');
    const a = JSON.parse(lines[1]!);
    writeFileSync(anchorFile(), [lines[0], JSON.stringify({ ...a, id: a.id - 1 })].join('\n') + '\n'); // "moved back" to hide a cut
    expect((await verifyChain(env.ctx)).anchors).toMatchObject({ problem: 'not_authentic', line: 2 });
    unlinkSync(anchorFile());
    expect(await verifyChain(env.ctx)).toMatchObject({ ok: false, anchors: { problem: 'missing' } });
    writeFileSync(anchorFile(), good);
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('a row inserted with a made-up hash (the application role may INSERT) is named', async () => {
    const last = (await chainRows('632222')).at(-1)!;
    await env.ctx.database.query(`INSERT INTO audit_log (county_code, id, at, action, outcome, prev_hash, hash, key_id) VALUES ('632222', $1, now(), 'forged', 'success', $2, $3, $4)`, [last.id + 1, last.hash, 'f'.repeat(64), env.ctx.audit.keys.currentId]);
    const r = await verifyChain(env.ctx);
    expect(r.firstBroken).toEqual({ chain: '632222', id: last.id + 1, reason: 'hash_mismatch' });
    expect(r.chains.filter((c) => !c.ok).map((c) => c.chain)).toEqual(['632222']);
  });
});

describe('the audit key', () => {
  it('lives in keys.json beside the cipher keys (added to an older file), or comes from ANWANG_AUDIT_KEY', () => {
    const kd = mkdtempSync(join(tmpdir(), 'anwang-audit-keys-'));
    try {
      const ring = loadKeyRing(undefined, undefined, kd);
      const first = loadAuditKeys(undefined, ring, false, kd);
      const file = JSON.parse(readFileSync(join(kd, 'keys.json'), 'utf8'));
      expect(first.currentId).toBe(keyId(file.auditKey));
      expect(loadAuditKeys(undefined, ring, false, kd).currentId).toBe(first.currentId); // stable across starts
      expect(existsSync(join(kd, 'keys.json'))).toBe(true);
      const env1 = loadAuditKeys(`${'11'.repeat(32)},${file.auditKey}`, ring, false, kd);
      expect(env1.currentId).toBe(keyId('11'.repeat(32)));
      expect(env1.macWith(first.currentId, 'x')).toBe(first.mac('x')); // the older key still verifies its rows
      expect(() => loadAuditKeys('abc', ring, false, kd)).toThrow(/hex/);
    } finally {
      rmSync(kd, { recursive: true, force: true });
    }
  });
});
