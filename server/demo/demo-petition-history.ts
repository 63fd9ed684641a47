/**
 * Three months of ordinary petitions across six of 门源县's townships, so the leaders' petition overview has figures to
 * show (the story petitions of demo-petitions.ts sit in one village): registered by the county 信访部门 or filed
 * online, transferred to the department of their category (or to 浩门镇 for its own villages' land matters),
 * accepted with a notice, answered and served; a few notices and replies late, most online petitioners rating the
 * reply. Driven through the real services on a moving clock, so the rollups are what real use leaves.
 */
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import type { PetitionAction } from '../../core/workflow/petition-workflow.ts';
import { listDepartments } from '../modules/catalog/catalog.service.ts';
import { registerPetition } from '../modules/petitions/petition-register.service.ts';
import { applyPetitionAction } from '../modules/petitions/petition-actions.service.ts';
import { ratePetition, submitOnline } from '../modules/petitions/public-petition.service.ts';
import { buildHaibei } from './haibei.ts';
import { SeedClock, demoActor, pdfFontsPresent } from './demo-kit.ts';

const DAY = 86_400_000;

// What people in a pastoral county write about, with the category that decides the body.
const matters: [string, string][] = [
  ['municipal.road', '通村道路冬季结冰严重，坡道无防滑措施，学生上学不安全。'],
  ['municipal.water', '村里自来水管网老化，冬季频繁冻裂停水。'],
  ['livelihood.heating', '小区集中供暖温度不达标，老人孩子受冻。'],
  ['municipal.streetlight', '镇区主街路灯损坏多处，长时间无人维修。'],
  ['market.price', '集市牛羊肉价格标示不清，存在缺斤短两。'],
  ['market.food', '学校周边小卖部出售过期食品。'],
  ['forest.grassland', '草原围栏被人为破坏，牲畜进入禁牧区。'],
  ['transport.bus', '乡镇班车班次减少，群众进城就医不便。'],
  ['dispute.land', '宅基地边界与邻户存在争议，村委会多次调解未果。'],
];
const names = ['马文山', '韩玉梅', '李得福', '祁秀兰', '冶国栋', '才让卓玛', '张明海', '赵桂香', '朵生财', '杨海燕', '贾永红', '铁成林'];
const ratings = ['satisfied', 'satisfied', 'basically', 'satisfied', 'unsatisfied', 'satisfied', 'basically'] as const;

/** Seeds `count` petitions over the 90 days before now; returns how many were made (none without the PDF fonts). */
export async function seedPetitionHistory(ctx: AppContext, count: number, onProgress: (msg: string) => void = () => {}): Promise<number> {
  if (!pdfFontsPresent()) return 0;
  const end = ctx.clock.now().getTime() - 3 * 3600_000;
  const clock = new SeedClock(end - 90 * DAY);
  const c2: AppContext = { ...ctx, clock };
  const office = await demoActor(ctx, 'county.petitionOfficer');
  const township = await demoActor(ctx, 'township.petitionOfficer');
  const depts = await listDepartments(ctx, systemActor(ROOT_SCOPE, 'demo-seed'));
  const handlers = new Map<string, Actor>();
  for (const d of depts) {
    const username = { 门源县住房和城乡建设局: 'dept.housing', 门源县市场监督管理局: 'dept.market', 门源县林业和草原局: 'dept.forest', 门源县交通运输局: 'dept.transport' }[d.name];
    if (username) handlers.set(d.name, await demoActor(ctx, username));
  }
  const deptFor = (category: string) => depts.find((d) => d.categoryIds.includes(category) && handlers.has(d.name));
  const villages = [...new Set(buildHaibei().grids.filter((g) => g.code.startsWith('632221')).map((g) => g.code.slice(0, 12)))];
  const byTownship = new Map<string, string[]>();
  for (const v of villages) byTownship.set(v.slice(0, 9), [...(byTownship.get(v.slice(0, 9)) ?? []), v]);
  const townships = [...byTownship.keys()].sort();

  const act = (who: Actor, code: string, action: PetitionAction, input: Record<string, unknown>) => applyPetitionAction(c2, who, code, action, input as never);
  const serve = (code: string, method: 'in_person' | 'post' | 'sms_link') => act(office, code, 'serve', { method, servedAt: new Date(clock.t), ...(method === 'post' ? { trackingNo: `XA${String(clock.t).slice(-10)}` } : {}) });
  let made = 0;
  let rated = 0;
  for (let i = 0; i < count; i++) {
    const registeredAt = end - 88 * DAY + Math.floor((i * 86 * DAY) / count);
    clock.t = registeredAt;
    // The county town draws a third; five townships share the rest (the others had none this quarter).
    const t = i % 3 === 0 ? townships[0]! : townships[1 + (i % 5)]!;
    const inTown = byTownship.get(t)!;
    const village = inTown[(i * 5) % inTown.length]!;
    const [categoryId, matter] = matters[(i * 7) % matters.length]!;
    const name = names[i % names.length]!;
    const phone = `1399702${String(1000 + i).slice(-4)}`;
    const channel = (['online', 'visit', 'online', 'phone', 'video', 'online', 'phone'] as const)[i % 7]!;
    let code: string;
    let key: string | null = null;
    if (channel === 'online') {
      const r = await submitOnline(c2, '10.0.0.9', { kind: 'complaint', categoryId, matter, villageCode: village, name, phone, uploadIds: [] });
      code = r.code;
      key = r.petitionerKey ?? null;
    } else {
      const base = { kind: 'complaint' as const, categoryId, matter, villageCode: village, petitioners: [{ name, phone, representative: false }], skippedLevel: i % 9 === 2, uploadIds: [] };
      code = (await registerPetition(c2, office, channel === 'visit' ? { ...base, channel, peopleCount: 1 + (i % 3) } : { ...base, channel })).code;
    }
    // The body: the category's department, or 浩门镇 for the land matters of its own villages; others stay with the office.
    const dept = deptFor(categoryId);
    const body = dept ? handlers.get(dept.name)! : t === '632221100' ? township : office;
    // Each step happens only if its day has come (the story stops where "now" is).
    const reached = (days: number) => clock.t + days * DAY < end;
    clock.t += DAY;
    if (dept) await act(office, code, 'transfer', { to: { departmentId: dept.id } });
    else if (body === township) await act(office, code, 'assign', { to: { regionCode: '632221100000' }, reportBy: new Date(clock.t + 45 * DAY + 8 * 3600_000).toISOString().slice(0, 10) });
    made++;
    // Most notices go out within days; every eleventh after the 15 days.
    const noticeAfter = i % 11 === 5 ? 17 : 2 + (i % 3);
    if (!reached(noticeAfter)) continue; // still at the body
    clock.t += noticeAfter * DAY;
    await act(body, code, 'accept', {});
    await serve(code, i % 2 ? 'in_person' : 'sms_link');
    const replyAfter = i % 13 === 7 ? 64 : 12 + (i % 4) * 9;
    if (!reached(replyAfter + 3)) continue; // in hand
    clock.t += replyAfter * DAY;
    await act(body, code, 'conclude', { facts: '经实地核查，反映的情况基本属实。', basis: '依据有关法律法规和政策规定。', decision: '责成相关单位限期整改并反馈。', uploadIds: [] });
    clock.t += DAY;
    await serve(code, i % 3 ? 'post' : 'in_person');
    // Online petitioners hold their key and most rate the reply.
    if (key && i % 4 !== 3) {
      clock.t += DAY;
      await ratePetition(c2, '10.0.0.9', code, { rating: ratings[rated++ % ratings.length]!, key });
    }
    if (made % 10 === 0) onProgress(`演示信访（历史） demo petition history ${made}/${count}`);
  }
  return made;
}
