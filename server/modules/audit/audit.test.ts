/**
 * The audit chain: keyed hashes (HMAC-SM3 under a key outside the database), rows from before the key still
 * verified, anchors of the head outside the database, TRUNCATE refused, and one unbroken chain under concurrency.
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
import { chainText, GENESIS } from './audit-chain.ts';
import * as repo from './audit.repository.ts';
import { anchorHead, recordAlone, verifyChain } from './audit.service.ts';
import type { AuditAction } from '../../../core/audit-actions.ts';

let env: TestEnv;
let dir: string;
const anchorFile = () => join(dir, 'anchors.jsonl');
const actor = systemActor(ROOT_SCOPE, 'test');
const rows = () => repo.pageAfter(env.ctx.db, 0, 100_000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anwang-audit-'));
  env = await createTestEnv({ config: { auditAnchorFile: join(dir, 'anchors.jsonl') } });
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the keyed audit chain', () => {
  it('still verifies rows hashed with plain SM3 before the audit key, and keys every new row with HMAC-SM3', async () => {
    // Two rows as the first version wrote them (no key id, plain SM3), e.g. from before the upgrade.
    let prev = GENESIS;
    await asOwner(env.ctx, async (run) => {
      for (const id of [1, 2]) {
        const row = { countyCode: '000000', id, at: new Date('2026-01-0' + id + 'T00:00:00Z'), actorId: null, actorName: 'cli', action: 'regions.import', objectType: null, objectId: null, outcome: 'success', ip: null, detail: { n: id }, prevHash: prev };
        const hash = sm3Hex(chainText(row));
        await run('INSERT INTO audit_log (county_code, id, at, actor_name, action, outcome, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', ['000000', id, row.at, 'cli', row.action, 'success', JSON.stringify(row.detail), prev, hash]);
        prev = hash;
      }
    });
    await anchorHead(env.ctx); // the server's first anchor after the upgrade pins the last plain row
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.keyed' as AuditAction });
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.keyed' as AuditAction });
    const all = await rows();
    expect(all.map((r) => r.keyId)).toEqual([null, null, env.ctx.audit.keys.currentId, env.ctx.audit.keys.currentId]);
    // The harness's keys come from the environment: the audit key is derived from the lookup key, never stored.
    const auditKey = createHmac('sm3', Buffer.from('0123456789abcdeffedcba9876543210', 'hex')).update('anwang audit chain v1').digest();
    const { hash, ...keyed } = all[2]!;
    const { keyId: _, ...third } = keyed;
    expect(hash).toBe(createHmac('sm3', auditKey).update(chainText(third)).digest('hex'));
    expect(hash).not.toBe(sm3Hex(chainText(third)));
    expect(await verifyChain(env.ctx)).toMatchObject({ ok: true, checked: 4, anchors: { count: 1 } });
  });

  it('refuses a plain-SM3 row after the boundary the anchors pinned, even when every later row is plain too', async () => {
    await rewriteAndRechain(env.ctx, 3, (r) => ({ actorName: r.actorName }), { kind: 'sm3' });
    expect((await verifyChain(env.ctx)).firstBroken).toEqual({ id: 3, reason: 'unkeyed' });
    // Put the keyed rows back as they were (the owner again) for the tests below.
    await rewriteAndRechain(env.ctx, 3, (r) => ({ actorName: r.actorName }), { kind: 'hmac', keyHex: createHmac('sm3', Buffer.from('0123456789abcdeffedcba9876543210', 'hex')).update('anwang audit chain v1').digest('hex'), keyId: env.ctx.audit.keys.currentId });
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('refuses TRUNCATE of the audit log, even for its owner', async () => {
    let refused: Error | undefined;
    await asOwner(env.ctx, (run) => run('TRUNCATE audit_log').then(() => undefined, (e: Error) => void (refused = e)));
    expect(refused?.message).toMatch(/append-only/);
    // With ANWANG_TEST_APP_ROLE=1 on PostgreSQL the application's own connection may not even try.
    if (env.ctx.config.migrateUrl) await expect(env.ctx.database.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    expect((await rows()).length).toBe(4);
  });

  it('keeps one unbroken chain when many requests append at once', async () => {
    const before = (await rows()).length;
    await Promise.all(Array.from({ length: 24 }, (_, i) => recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.concurrent' as AuditAction, detail: { i } })));
    expect(await verifyChain(env.ctx)).toMatchObject({ ok: true, checked: before + 24 });
  });
});

describe('anchors outside the database', () => {
  it('are appended by the scheduler at start and at stop, one MAC’d line per new head, in a 0600 file', async () => {
    writeFileSync(anchorFile(), '');
    const scheduler = startScheduler(env.ctx, 60_000, () => undefined);
    await expect.poll(() => readFileSync(anchorFile(), 'utf8')).not.toBe('');
    await recordAlone(env.ctx.db, env.ctx, actor, { action: 'test.after-start' as AuditAction });
    await scheduler.stop();
    const lines = readFileSync(anchorFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const head = (await rows()).at(-1)!;
    expect(lines.map((a) => a.id)).toEqual([head.id - 1, head.id]);
    expect(lines[1]).toMatchObject({ hash: head.hash, legacyThrough: 2, keyId: env.ctx.audit.keys.currentId });
    expect(statSync(anchorFile()).mode & 0o777).toBe(0o600);
    expect(await anchorHead(env.ctx)).toBeUndefined(); // the head has not moved: nothing new to write
    expect(await verifyChain(env.ctx)).toMatchObject({ ok: true, anchors: { count: 2 } });
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
    const last = (await rows()).at(-1)!;
    await env.ctx.database.query(`INSERT INTO audit_log (county_code, id, at, action, outcome, prev_hash, hash, key_id) VALUES ('000000', $1, now(), 'forged', 'success', $2, $3, $4)`, [last.id + 1, last.hash, 'f'.repeat(64), env.ctx.audit.keys.currentId]);
    expect((await verifyChain(env.ctx)).firstBroken).toEqual({ id: last.id + 1, reason: 'hash_mismatch' });
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
