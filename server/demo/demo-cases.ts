/**
 * Demo departments, department handlers, and a few months of cases in 门源县 driven through the real
 * services (so events, clocks and KPI rollups are exactly what real use would leave), on a moving clock.
 */
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { createDepartment, listDepartments } from '../modules/catalog/catalog.service.ts';
import { createUser, findAccountByUsername } from '../modules/users/users.service.ts';
import { createCase } from '../modules/cases/case-intake.service.ts';
import { applyCaseAction } from '../modules/cases/case-actions.service.ts';
import { getCase, hasNoCases } from '../modules/cases/case-queries.service.ts';
import type { CaseAction } from '../../core/workflow/case-workflow.ts';
import { buildHaibei } from './haibei.ts';
import { SeedClock, demoActor } from './demo-kit.ts';

export const demoDepartments: { name: string; categories: string[]; username: string }[] = [
  { name: '门源县住房和城乡建设局', categories: ['municipal.road', 'municipal.water', 'municipal.manhole', 'municipal.streetlight', 'safety.construction', 'livelihood.heating'], username: 'dept.housing' },
  { name: '门源县市场监督管理局', categories: ['market.food', 'market.price'], username: 'dept.market' },
  { name: '门源县林业和草原局', categories: ['forest.grassland', 'forest.fire', 'forest.wildlife'], username: 'dept.forest' },
  { name: '门源县交通运输局', categories: ['transport.bus', 'transport.safety'], username: 'dept.transport' },
  { name: '门源县公安局', categories: ['publicOrder.fraud', 'publicOrder.gambling'], username: 'dept.police' },
  { name: '门源县应急管理局', categories: ['safety.fire', 'safety.gas'], username: 'dept.emergency' },
];

const samples: [string, string][] = [
  ['sanitation.garbage', '村口垃圾点已经三天没有清运，气味很大'],
  ['municipal.streetlight', '村委会前面的路灯晚上不亮，老人出行不方便'],
  ['municipal.road', '通村公路有一段路面塌陷，车辆经过很危险'],
  ['dispute.neighbour', '邻居家修房子占了公共通道，多次协商不成'],
  ['dispute.land', '两户牧民因草场界线发生争执'],
  ['livelihood.elderly', '独居老人家中取暖有困难，希望帮助'],
  ['municipal.water', '小区停水两天了，没有通知'],
  ['safety.fire', '楼道里堆放杂物，存在消防隐患'],
  ['policy.question', '咨询今年草原生态补奖政策的发放时间'],
  ['dispute.wage', '工地拖欠农民工工资两个月'],
  ['sanitation.sewage', '路边排水沟堵塞，污水外溢'],
  ['market.food', '集市上有商贩销售过期食品'],
];

/** A clock the seeding moves by hand. */
const user = demoActor;

/** Seeds departments, their handler accounts and `count` cases over the last 60 days. */
export async function seedDemoCases(ctx: AppContext, password: string, count = 120, onProgress: (msg: string) => void = () => {}): Promise<number> {
  const root = systemActor(ROOT_SCOPE, 'demo-seed');
  const existing = await listDepartments(ctx, root);
  for (const d of demoDepartments) {
    let id = existing.find((e) => e.name === d.name)?.id;
    if (!id) id = (await createDepartment(ctx, root, { countyCode: '632221', name: d.name, categoryIds: d.categories })).id;
    if (!(await findAccountByUsername(ctx.db, d.username))) await createUser(ctx, root, { username: d.username, displayName: `${d.name.replace('门源县', '')}处置人`, password, role: 'handler', scopeCode: '632221000000', departmentId: id });
  }
  if (!(await hasNoCases(ctx))) return 0;
  // The service clock, not the machine's: a seed under a fixed clock (tests) builds the same cases every time.
  const end = ctx.clock.now().getTime() - 3600_000;
  const start = end - 60 * 86_400_000;
  const clock = new SeedClock(start);
  const c2: AppContext = { ...ctx, clock };
  const villages = buildHaibei().grids.filter((g) => g.code.startsWith('632221100'));
  const actors = {
    village: await user(ctx, 'village.operator'),
    township: await user(ctx, 'township.operator'),
    county: await user(ctx, 'county.operator'),
    worker: await user(ctx, 'village.gridWorker'),
  };
  const handlers = new Map<string, Actor>();
  for (const d of demoDepartments) handlers.set(d.username, await user(ctx, d.username));
  const deptOf = (cat: string) => demoDepartments.find((d) => d.categories.includes(cat));
  const ids = new Map((await listDepartments(ctx, root)).map((d) => [d.name, d.id]));
  let made = 0;
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) onProgress(`演示案件 demo cases ${i}/${count}`);
    // Reports arrive evenly over the 60 days; each case's later steps never run past the present.
    clock.t = start + Math.floor((i * (end - start)) / count);
    const [categoryId, description] = samples[i % samples.length]!;
    // Cases in the demo village (城关社区) exercise the whole loop; the others are spread over two townships.
    const g = i % 3 !== 2 ? villages.find((v) => v.code.startsWith('632221100001'))! : villages[(i * 7) % villages.length]!;
    const ring = g.polygon.coordinates[0]!;
    const lng = (ring[0]![0] + ring[2]![0]) / 2, lat = (ring[0]![1] + ring[2]![1]) / 2;
    const created = await createCase(c2, root, { channel: (['web', 'phone', 'visit', 'patrol', 'hotline'] as const)[i % 5]!, categoryId, description, lat, lng, reporterPhone: `139${String(10000000 + i * 7919).slice(0, 8)}`, uploadIds: [] });
    made++;
    const code = created.code;
    const inVillage = g.code.startsWith('632221100001');
    const step = async (who: Actor, action: CaseAction, input: Record<string, unknown> = {}, minutes = 20) => {
      if (clock.t + minutes * 60_000 > end) return null;
      clock.t += minutes * 60_000;
      return applyCaseAction(c2, who, code, action, input).catch((e: Error) => {
        if (process.env.ANWANG_DEBUG_SEED) process.stderr.write(`demo ${code} ${action}: ${e.message}\n`);
        return null;
      });
    };
    // Most reports are taken in within the hour; a few wait (and breach, on a real server's sweep).
    if (i % 10 === 9) continue;
    // 城关社区 takes in its own reports; the township centre takes in those of villages without an operator.
    const centre = inVillage ? actors.village : actors.township;
    const acc = await step(centre, 'accept', {}, 10 + (i % 5) * 8);
    if (!acc || i % 7 === 6) continue;
    const after = await getCase(c2, actors.county, code);
    const owner = after.unitLevel === 'village' ? centre : after.unitLevel === 'township' ? actors.township : actors.county;
    const dept = deptOf(categoryId);
    let handler: Actor;
    if (after.status === 'dispatched' && dept) handler = handlers.get(dept.username)!;
    else if (after.unitLevel === 'village' && inVillage) {
      await step(owner, 'dispatch', { userId: actors.worker.id }, 30);
      handler = actors.worker;
    } else if (dept) {
      await step(owner, 'dispatch', { departmentId: ids.get(dept.name) }, 40);
      handler = handlers.get(dept.username)!;
    } else continue; // a village matter outside 城关社区: its grid worker has no demo account
    await step(handler, 'start', {}, 60);
    if (i % 9 === 4) continue; // still being handled
    await step(handler, 'reportBack', { text: '已到现场处理完毕', uploadIds: [] }, 60 * 24);
    await step(owner, 'verify', { result: 'pass' }, 120);
    if (i % 8 === 3) continue; // waiting for the reporter's rating
    await step(owner, 'followUp', { satisfaction: i % 11 === 5 ? 'basically' : 'satisfied', method: 'phone' }, 60 * 6);
  }
  return made;
}
