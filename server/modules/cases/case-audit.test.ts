/** Every case transition is audited in the SM3 chain: the whole loop, the system's follow-ons and the sweep's urge and escalate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStatuses } from '../../../core/workflow/case-workflow.ts';
import { createTestEnv, seedFixture, type TestEnv } from '../../test/harness.ts';
import { buildCase } from '../../test/case-builders.ts';
import { verifyChain } from '../audit/audit.service.ts';
import { sweepDeadlines } from './deadline-sweep.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const auditOf = async (code: string) =>
  env.ctx.database.query<{ action: string; actor_id: string | null; object_type: string; county_code: string; detail: { from?: string; to?: string; variant?: string } | null }>(
    'SELECT action, actor_id, object_type, county_code, detail FROM audit_log WHERE object_id = $1 ORDER BY id',
    [code],
  );

describe('the audit trail of a case', () => {
  it('holds one row per transition of the whole loop, in a chain that verifies', async () => {
    const { code, status, cast } = await buildCase(env, { status: 'closed' });
    expect(status).toBe('closed');
    const rows = await auditOf(code);
    expect(rows.map((r) => r.action)).toEqual(['case.create', 'case.accept', 'case.dispatch', 'case.start', 'case.reportBack', 'case.verify', 'case.followUp', 'case.close']);
    expect(rows.map((r) => r.actor_id)).toEqual([cast.operator.id, cast.operator.id, cast.operator.id, cast.gridWorker.id, cast.gridWorker.id, cast.operator.id, cast.operator.id, 'system']);
    expect(rows.every((r) => r.object_type === 'case' && r.county_code === code.slice(0, 6))).toBe(true);
    expect(rows.slice(1).map((r) => [r.detail?.from, r.detail?.to])).toEqual([
      ['submitted', 'accepted'], ['accepted', 'dispatched'], ['dispatched', 'in_progress'], ['in_progress', 'reported_back'],
      ['reported_back', 'verified'], ['verified', 'followed_up'], ['followed_up', 'closed'],
    ]);
    expect(rows[5]!.detail?.variant).toBe('pass');
    expect(rows[6]!.detail?.variant).toBe('satisfied');
    const chain = await verifyChain(env.ctx);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThanOrEqual(rows.length);
  });

  it('audits the sweep’s urge and escalate as the system', async () => {
    const { code } = await buildCase(env, { status: 'submitted', description: '路灯不亮无人修' });
    env.clock.advance(61 * 60_000); // the first hour passes
    expect((await sweepDeadlines(env.ctx)).breached).toBeGreaterThanOrEqual(1);
    const rows = await auditOf(code);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([['case.create', expect.any(String)], ['case.urge', 'system'], ['case.escalate', 'system']]);
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });
});

describe('buildCase', () => {
  it('makes a case in every status of the workflow through the engine', async () => {
    for (const status of caseStatuses) expect((await buildCase(env, { status })).status, status).toBe(status);
  });
});
