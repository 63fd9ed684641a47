/**
 * The attacker's eye on the audit log (issue 10): someone with the database's owner password — not the audit key,
 * not the anchor file — switches the append-only triggers off, rewrites what they did, recomputes the chain, or
 * cuts off its tail. `anwang audit verify` (its function, as the CLI runs it) must name the chain and the first row touched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { deleteTail, rewriteAndRechain } from '../../test/audit-tamper.ts';
import { anchorHead } from '../../modules/audit/audit.service.ts';
import { auditVerifyReport } from '../../../cli/audit.ts';
import { keyId } from '../../lib/crypto.ts';

let env: TestEnv;
let dir: string;
/** The county chain the attacks go after (the operator's county: the account and its sign-ins). */
const county = '632221';
/** That chain's head row when it was last anchored. */
let anchored: number;

/** The id of that chain's newest row. */
const head = async () => (await env.ctx.database.query<{ n: number }>('SELECT max(id)::int AS n FROM audit_log WHERE county_code = $1', [county]))[0]!.n;

// Each attack gets a log of its own: sign-ins and an account, its head anchored as the scheduler does every minute.
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anwang-audit-attack-'));
  env = await createTestEnv({ config: { auditAnchorFile: join(dir, 'anchors.jsonl') } });
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'op.a', 'operator', fixture.townshipA);
  for (let i = 0; i < 3; i++) await login(env.app, 'op.a');
  await anchorHead(env.ctx);
  anchored = await head();
  expect(anchored).toBe(4); // the account created, then three sign-ins
  expect((await auditVerifyReport(env.ctx)).ok).toBe(true);
});
afterEach(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attack: rewrite the audit log with database access', () => {
  it('a row rewritten and the chain recomputed with plain SM3 is named (rows passed off as pre-key rows)', async () => {
    await rewriteAndRechain(env.ctx, county, 3, () => ({ actorName: 'someone-else' }), { kind: 'sm3' });
    const r = await auditVerifyReport(env.ctx);
    expect(r.ok).toBe(false);
    expect(r.text).toContain('audit chain 632221 BROKEN at row 3 (unkeyed)');
    expect(r.text).toContain('chain 000000 (system-wide): OK'); // the other chains still verify
    expect(r.text).toContain('2 rows before it are intact');
  });

  it('a chain recomputed with HMAC-SM3 under a guessed key is named, whether it claims the real key id or its own', async () => {
    const guessed = 'ab'.repeat(32);
    await rewriteAndRechain(env.ctx, county, 4, () => ({ action: 'auth.logout' }), { kind: 'hmac', keyHex: guessed, keyId: env.ctx.audit.keys.currentId });
    expect((await auditVerifyReport(env.ctx)).text).toContain('chain 632221 BROKEN at row 4 (hash_mismatch)');
    await rewriteAndRechain(env.ctx, county, 4, () => ({ action: 'auth.logout' }), { kind: 'hmac', keyHex: guessed, keyId: keyId(guessed) });
    expect((await auditVerifyReport(env.ctx)).text).toContain('chain 632221 BROKEN at row 4 (unknown_key)');
  });

  it('deleting the last rows is named as a truncated tail, from the first missing row', async () => {
    await deleteTail(env.ctx, county, 2);
    const r = await auditVerifyReport(env.ctx);
    expect(r.ok).toBe(false);
    expect(r.text).toContain(`chain 632221 BROKEN at row ${anchored - 1} (truncated)`);
    expect(r.text).toContain(`recorded the chain up to row ${anchored}`);
  });

  it('cutting the tail and letting new rows regrow it is named at the first anchored row that differs', async () => {
    await deleteTail(env.ctx, county, 2);
    env.clock.advance(60_000);
    await login(env.app, 'op.a');
    await login(env.app, 'op.a'); // the log is as long as before, its head different
    expect(await head()).toBe(anchored);
    expect((await auditVerifyReport(env.ctx)).text).toContain(`chain 632221 BROKEN at row ${anchored} (anchor_mismatch)`);
  });
});

