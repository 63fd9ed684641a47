/**
 * Test builders for cases: `buildCase(env, { status })` makes a case in any status of the workflow by walking
 * it there through the real intake and the real transition engine (validated inputs, real policy, real clocks
 * and audit rows), so a test states where its case starts instead of hand-rolling the steps.
 */
import { caseActionSchemas, CaseCreateSchema, type CaseCreateInput } from '../../core/schemas/cases.schema.ts';
import type { CaseAction, CaseStatus } from '../../core/workflow/case-workflow.ts';
import type { Actor } from '../lib/actor.ts';
import { createCase } from '../modules/cases/case-intake.service.ts';
import { applyCaseAction } from '../modules/cases/case-actions.service.ts';
import { fixture, makeUser, type TestEnv } from './harness.ts';

/** The builder's staff in village A: an operator (accepts, dispatches, verifies), a grid worker (handles). */
export interface CaseBuilderCast {
  operator: Actor;
  gridWorker: Actor;
}

const casts = new WeakMap<TestEnv, Promise<CaseBuilderCast>>();

/** The builder's operator and grid worker of village A, made once per test env (needs `seedFixture`). */
export function builderCast(env: TestEnv): Promise<CaseBuilderCast> {
  let cast = casts.get(env);
  if (!cast) {
    cast = (async () => {
      const user = async (username: string, role: 'operator' | 'gridWorker'): Promise<Actor> => ({ kind: 'user', id: await makeUser(env.ctx, username, role, fixture.villageA), name: username, role, scopeCode: fixture.villageA });
      return { operator: await user('builder.op', 'operator'), gridWorker: await user('builder.gw', 'gridWorker') };
    })();
    casts.set(env, cast);
  }
  return cast;
}

/** What to build: the status, and any intake fields to override (a minor garbage report in village A by default). */
export interface BuildCaseOptions extends Partial<CaseCreateInput> {
  status: CaseStatus;
}

/** The steps from a fresh report to each status: who acts, which action, with what body. */
const paths: Record<CaseStatus, [keyof CaseBuilderCast, CaseAction, Record<string, unknown>][]> = (() => {
  const accept: [keyof CaseBuilderCast, CaseAction, Record<string, unknown>] = ['operator', 'accept', { tier: 'minor' }];
  const dispatch: [keyof CaseBuilderCast, CaseAction, Record<string, unknown>] = ['operator', 'dispatch', { userId: '$gridWorker' }];
  const work: [keyof CaseBuilderCast, CaseAction, Record<string, unknown>][] = [['gridWorker', 'start', {}], ['gridWorker', 'reportBack', { text: '已处理完毕' }]];
  const verify: [keyof CaseBuilderCast, CaseAction, Record<string, unknown>] = ['operator', 'verify', { result: 'pass' }];
  const toVerified = [accept, dispatch, ...work, verify];
  return {
    submitted: [],
    accepted: [accept],
    dispatched: [accept, dispatch],
    in_progress: [accept, dispatch, work[0]!],
    reported_back: [accept, dispatch, ...work],
    verified: toVerified,
    // Satisfied would close at once: an unsatisfied reporter reopens once, and the second unsatisfied rating ends in 已回访.
    followed_up: [...toVerified, ['operator', 'followUp', { satisfaction: 'unsatisfied' }], ...work, verify, ['operator', 'followUp', { satisfaction: 'unsatisfied' }]],
    closed: [...toVerified, ['operator', 'followUp', { satisfaction: 'satisfied' }]],
    rejected: [['operator', 'reject', { reason: '无效反映' }]],
    redirected: [['operator', 'redirect', { unit: '县供电公司' }]],
    merged: [['operator', 'merge', { duplicateOf: '$other' }]],
  };
})();

/** Makes a case and walks it to `status` through the real engine; returns its code and status. */
export async function buildCase(env: TestEnv, opts: BuildCaseOptions): Promise<{ code: string; status: string; cast: CaseBuilderCast }> {
  const cast = await builderCast(env);
  const { status, ...fields } = opts;
  const intake = CaseCreateSchema.parse({ channel: 'phone', categoryId: 'sanitation.garbage', description: '路边垃圾堆积无人清运', lat: 37.05, lng: 101.05, ...fields });
  const { code } = await createCase(env.ctx, cast.operator, intake);
  let last = 'submitted';
  for (const [who, action, body] of paths[status]) {
    const input = { ...body };
    if (input.userId === '$gridWorker') input.userId = cast.gridWorker.id;
    if (input.duplicateOf === '$other') input.duplicateOf = (await buildCase(env, { ...fields, status: 'submitted', description: `${intake.description}（另一起）` })).code;
    last = (await applyCaseAction(env.ctx, cast[who], code, action, caseActionSchemas[action].parse(input) as Record<string, unknown>)).status;
  }
  return { code, status: last, cast };
}
