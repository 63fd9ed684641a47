/**
 * Field work in the demo (issue 16): the village grid worker `village.gridWorker` is linked to 城关社区's
 * grid-worker staff rows and `village.leader` to its grid-leader rows (so the worker has grids, a device copy and
 * tasks, and overdue notices reach a leader), a few persons of the community are put under care (severe mental
 * illness at grades 2 and 4, a hardship household registered ten days ago, so one task is already overdue), three
 * of its households are assessed by the worker (high, medium, low safety risk), then the county's visit tasks are
 * generated. Idempotent: links only rows without an account, adds the records once.
 */
import { cstDate } from '../../core/calendar.ts';
import type { AppContext } from '../lib/context.ts';
import { recordRow } from '../modules/people/records.service.ts';
import * as people from '../modules/people/people.repository.ts';
import { findAccountByUsername } from '../modules/users/users.service.ts';
import { generateForCounty } from '../modules/field-tasks/visit-task-generator.service.ts';
import { recordAssessment } from '../modules/field/assessments.service.ts';
import { listTemplates } from '../modules/field/templates.service.ts';
import { demoActor } from './demo-kit.ts';
import { randomUUID } from 'node:crypto';
import * as tasks from '../modules/field-tasks/visit-tasks.repository.ts';

/** 城关社区 (浩门镇, 门源县): the demo's village level. */
export const demoCommunity = '632221100001';
const COUNTY = demoCommunity.slice(0, 6);

/** Links the demo's village accounts to 城关社区's grids, puts a few of its people under care, generates tasks. Returns how many tasks were made. */
export async function seedDemoField(ctx: AppContext): Promise<number> {
  const worker = await findAccountByUsername(ctx.db, 'village.gridWorker');
  const leader = await findAccountByUsername(ctx.db, 'village.leader');
  if (!worker || !leader) return 0;
  await ctx.db.transaction(async (tx) => {
    await tasks.linkUnlinkedStaff(tx, COUNTY, demoCommunity, 'gridWorker', worker.id);
    await tasks.linkUnlinkedStaff(tx, COUNTY, demoCommunity, 'gridLeader', leader.id);
  });
  const marker = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM person_records WHERE county_code = $1 AND data->>'demo' = 'field'`, [COUNTY]);
  if (!marker[0]!.n) {
    const now = ctx.clock.now();
    const rows = await ctx.database.query<{ id: string }>(`SELECT id FROM persons WHERE county_code = $1 AND grid_code LIKE $2 AND status = 'active' AND birth_date < '1990-01-01' ORDER BY grid_code, id LIMIT 3`, [COUNTY, `${demoCommunity}%`]);
    const plan: { kind: string; category: string; riskLevel: string | null; at: Date }[] = [
      { kind: 'special_group', category: '03', riskLevel: '2', at: now },
      { kind: 'special_group', category: '03', riskLevel: '4', at: now },
      // Registered ten days ago: its first visit (7 days) is already overdue.
      { kind: 'care', category: '02', riskLevel: null, at: new Date(now.getTime() - 10 * 86_400_000) },
    ];
    await ctx.db.transaction(async (tx) => {
      for (const [i, r] of rows.entries()) {
        const p = plan[i]!;
        await people.insertRecord(tx, recordRow(ctx, { countyCode: COUNTY, id: r.id }, { kind: p.kind, category: p.category, riskLevel: p.riskLevel, data: { demo: 'field' }, sensitive: null, since: cstDate(p.at), until: null }, p.at));
      }
    });
  }
  await assessDemoHouseholds(ctx);
  return (await generateForCounty(ctx, COUNTY)).created;
}

const none = { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };

/** Three households of 城关社区 assessed by the village grid worker, once: high, medium and low risk. */
async function assessDemoHouseholds(ctx: AppContext): Promise<void> {
  const template = (await listTemplates(ctx)).find((t) => t.code === 'household_risk');
  if (!template) return;
  const [done] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM household_risk_current WHERE county_code = $1`, [COUNTY]);
  if (done!.n) return;
  const homes = await ctx.database.query<{ id: string }>(`SELECT id FROM households WHERE county_code = $1 AND grid_code LIKE $2 AND status = 'active' ORDER BY grid_code, number, id LIMIT 3`, [COUNTY, `${demoCommunity}%`]);
  const actor = await demoActor(ctx, 'village.gridWorker');
  const answers = [{ ...none, severe_mental_illness: 'grade_1_2', domestic_violence: true, unresolved_dispute: true }, { ...none, domestic_violence: true }, none];
  for (const [i, h] of homes.entries()) await recordAssessment(ctx, actor, { id: randomUUID(), householdId: h.id, templateId: template.id, answers: answers[i]!, assessedAt: ctx.clock.now().toISOString() });
}
