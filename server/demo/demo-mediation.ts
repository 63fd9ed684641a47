/**
 * Demo mediation in 门源县 (issue 15 item 11): the county's committee and an industry committee for medical
 * disputes, 浩门镇's committee with its "365" room (Haibei's 365 调解室, open every day) and a studio named after a
 * local model mediator, 城关社区's committee, mediators with their languages (藏语 among them), skills and awards;
 * and disputes in every stage — new, urgent (民转刑) with a session today, in mediation with a recorded session,
 * extended with both parties' consent, settled (written and oral), failed with the legal routes told, referred to
 * the court (诉调对接) with its answer, refused by a party, and a resident's online application. Driven through the
 * real services on a moving clock, as the other demo modules are.
 */
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import type { DisputeAction } from '../../core/workflow/dispute-workflow.ts';
import { DisputeRegisterSchema, disputeActionSchemas, type DisputeRegisterInput } from '../../core/schemas/disputes.schema.ts';
import { createCommittee, createMediator, createRoom, listCommittees } from '../modules/mediation/organisation.service.ts';
import { registerDispute } from '../modules/mediation/dispute-register.service.ts';
import { applyDisputeAction } from '../modules/mediation/dispute-actions.service.ts';
import { applyOnline } from '../modules/mediation/dispute-intake.service.ts';
import { getDispute } from '../modules/mediation/dispute-queries.service.ts';
import { setSubsidyRates } from '../modules/mediation/mediation-rewards.service.ts';
import { SeedClock, demoActor, pdfFontsPresent } from './demo-kit.ts';
import { storeUpload } from '../modules/uploads/uploads.service.ts';
import { pngImage } from '../lib/png.ts';
import { cstDate } from '../../core/calendar.ts';

const dayOf = (t: number) => cstDate(new Date(t));

/** A grey page standing in for a scanned ID card (the file's 身份证明). */
function idCardScan(): Uint8Array {
  const rows = Array.from({ length: 54 }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(86, 220)]));
  return new Uint8Array(pngImage(86, 54, 0, rows));
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TOWNSHIP = '632221100000';
const COMMUNITY = '632221100001';

type PartyIn = DisputeRegisterInput['parties'][number];
const person = (side: 'applicant' | 'respondent', name: string, phone: string, extra: Partial<PartyIn> = {}): PartyIn => ({ kind: 'person', side, name, phone, ...extra });

/**
 * Seeds the demo's mediation organisation and disputes once (none present yet); returns how many disputes were made.
 * Without the PDF fonts only the new dispute and the online application are made (acceptance, sessions and
 * agreements issue documents) and the message says what to install: `npm start` must work on a bare machine.
 */
export async function seedDemoMediation(ctx: AppContext, onProgress: (msg: string) => void = () => {}): Promise<number> {
  const root = systemActor(ROOT_SCOPE, 'demo-seed');
  if ((await listCommittees(ctx, root)).items.some((c) => c.regionCode.startsWith('632221'))) return 0;
  const end = ctx.clock.now().getTime() - HOUR;
  const clock = new SeedClock(end - 60 * DAY);
  const c2: AppContext = { ...ctx, clock };

  // The organisation: committees at county, industry, township and community level; rooms; mediators.
  const county = await createCommittee(c2, root, { level: 'county', regionCode: '632221000000', name: '门源县人民调解委员会', active: true });
  const medical = await createCommittee(c2, root, { level: 'industry', regionCode: '632221000000', name: '门源县医疗纠纷人民调解委员会', industry: '医疗卫生', active: true });
  const township = await createCommittee(c2, root, { level: 'township', regionCode: TOWNSHIP, name: '浩门镇人民调解委员会', active: true });
  const community = await createCommittee(c2, root, { level: 'village', regionCode: COMMUNITY, name: '城关社区人民调解委员会', active: true });
  const room365 = await createRoom(c2, root, { committeeId: township.id, name: '浩门镇"365"调解室', mode: 'onsite', address: '浩门镇综治中心一楼', active: true });
  const studio = await createRoom(c2, root, { committeeId: township.id, name: '马德林调解工作室', mode: 'onsite', namedAfter: '马德林', address: '浩门镇团结村村委会', active: true });
  await createRoom(c2, root, { committeeId: township.id, name: '流动调解室（牧区）', mode: 'mobile', active: true });
  await createRoom(c2, root, { committeeId: community.id, name: '城关社区网上调解室', mode: 'online', active: true });
  await createRoom(c2, root, { committeeId: county.id, name: '县矛盾纠纷多元化解中心调解室', mode: 'onsite', address: '门源县综治中心', active: true });
  const user = async (username: string) => (await demoActor(ctx, username)).id;
  const head = await createMediator(c2, root, { committeeId: township.id, name: '才让卓玛', userId: await user('township.mediator'), isHead: true, skills: ['婚姻家庭', '草场纠纷'], languages: ['zh', 'bo'], awards: ['全省优秀人民调解员'], active: true });
  const ma = await createMediator(c2, root, { committeeId: township.id, name: '马德林', isHead: false, skills: ['宅基地', '邻里纠纷'], languages: ['zh'], awards: ['调解能手（2025）', '全国模范人民调解员'], active: true });
  const sangjie = await createMediator(c2, root, { committeeId: township.id, name: '桑杰', isHead: false, skills: ['草场纠纷', '牧区'], languages: ['bo', 'zh'], awards: [], active: true });
  const han = await createMediator(c2, root, { committeeId: community.id, name: '韩秀英', userId: await user('village.mediator'), isHead: true, skills: ['物业纠纷', '邻里纠纷'], languages: ['zh'], awards: ['调解能手（2026）'], active: true });
  await createMediator(c2, root, { committeeId: county.id, name: '李建国', userId: await user('county.mediator'), isHead: true, skills: ['合同纠纷', '劳动争议'], languages: ['zh'], awards: [], active: true });
  await createMediator(c2, root, { committeeId: medical.id, name: '祁玉兰', isHead: true, skills: ['医疗纠纷'], languages: ['zh'], awards: [], active: true });
  // 以案定补 rates (fen per case), so the statistics page has amounts: 邻里 100 元, 婚姻家庭 150 元, other agreements 80 元; a failure 30 元, a referral 20 元.
  await setSubsidyRates(ctx, root, { county: '632221', rates: [
    { category: 'neighbour', outcome: 'agreed', fen: 10_000 }, { category: 'family', outcome: 'agreed', fen: 15_000 }, { category: '*', outcome: 'agreed', fen: 8_000 },
    { category: '*', outcome: 'failed', fen: 3_000 }, { category: '*', outcome: 'referred', fen: 2_000 },
  ] });
  onProgress('调解组织 mediation committees 4, rooms 5, mediators 6');

  const office = await demoActor(ctx, 'township.operator');
  const mediatorT = await demoActor(ctx, 'township.mediator');
  const mediatorC = await demoActor(ctx, 'village.mediator');
  const register = async (at: number, input: Omit<DisputeRegisterInput, 'scale' | 'escalationRisk'> & Partial<DisputeRegisterInput>) => {
    clock.t = at;
    return (await registerDispute(c2, office, DisputeRegisterSchema.parse(input))).code;
  };
  const act = async (who: Actor, code: string, action: DisputeAction, input: Record<string, unknown>, after = HOUR) => {
    clock.t += after;
    await applyDisputeAction(c2, who, code, action, disputeActionSchemas[action].parse(input) as Record<string, unknown>);
  };
  const partyIds = async (code: string) => (await getDispute(c2, mediatorT, code)).parties.map((p) => p.id);
  let made = 0;
  const step = (what: string) => onProgress(`演示纠纷 demo disputes ${++made}/9 ${what}`);
  const village = '632221100201';

  // 1. New: a walk-in neighbours' quarrel, waiting for a mediator.
  await register(end - 1 * DAY, { source: 'walk_in', category: 'neighbour', facts: '楼上住户夜间装修噪音扰民，多次沟通无果。', claims: '要求晚十点后停止施工。', villageCode: COMMUNITY, committeeId: community.id, parties: [person('applicant', '赵文斌', '13997030001'), person('respondent', '钱海龙', '13997030002')] });
  step('新登记');
  // And a resident's online application, assigned to the community's mediator who has not yet taken it up.
  const applyOnlineDemo = async () => {
    clock.t = end - 5 * HOUR;
    const online = await applyOnline(c2, '10.0.0.10', { category: 'neighbour', facts: '邻居家的狗经常夜里狂吠，影响休息，沟通后未改善。', claims: '希望邻居管好宠物。', villageCode: COMMUNITY, name: '郭晓东', phone: '13997030019', otherParty: { name: '邻居刘某', kind: 'person' } });
    await act(mediatorC, online.code, 'assign', { mediatorIds: [han.id], note: '网上申请，指派社区调解员' });
  };
  if (!pdfFontsPresent()) {
    onProgress('调解文书需要字体：apt-get install fonts-noto-cjk fonts-hanazono（只登记，不出文书） mediation documents need fonts: registrations only');
    await applyOnlineDemo();
    return made + 1;
  }

  // 2. Urgent (民转刑): a family quarrel with threats; the leaders were told; mediators assigned, a session today.
  const urgent = await register(end - 2 * DAY, { source: 'screening', category: 'family', escalationRisk: true, peopleCount: 4, facts: '夫妻因彩礼返还和子女抚养发生激烈争吵，男方扬言报复女方家人。', claims: '女方要求离婚并抚养子女；男方要求返还彩礼。', villageCode: village, committeeId: township.id, parties: [person('applicant', '冶秀兰', '13997030003'), person('respondent', '马永福', '13997030004')] });
  await act(mediatorT, urgent, 'assign', { mediatorIds: [head.id, sangjie.id], leadId: head.id, roomId: room365.id, note: '民转刑风险，双人调解' });
  await act(mediatorT, urgent, 'accept', { note: '当日介入' });
  await act(mediatorT, urgent, 'scheduleSession', { at: new Date(end + 3 * HOUR), roomId: room365.id });
  step('民转刑 紧急 今日调解');

  // 3. In mediation: a homestead boundary, a session recorded and signed; the month's clock runs.
  const boundary = await register(end - 12 * DAY, { source: 'walk_in', category: 'homestead', facts: '双方系相邻农户，被申请人翻建院墙时向申请人一侧延伸约0.4米，双方多次争吵。', claims: '申请人要求拆除越界院墙。', villageCode: village, committeeId: township.id, parties: [person('applicant', '马福海', '13997030005'), person('respondent', '韩桂兰', '13997030006')] });
  await act(mediatorT, boundary, 'assign', { mediatorIds: [ma.id, head.id], leadId: ma.id, roomId: studio.id });
  await act(mediatorT, boundary, 'accept', {});
  let ids = await partyIds(boundary);
  await act(mediatorT, boundary, 'recordSession', { heldAt: new Date(clock.t + 3 * DAY), partyIds: ids, mediatorIds: [ma.id], record: '双方陈述了院墙修建经过；调解员对照2016年宅基地确权图现场丈量，确认院墙越界约0.4米。双方同意下次调解前各自考虑解决方案。', signedPartyIds: ids, signedMediatorIds: [ma.id] }, 3 * DAY);
  step('调解中 已记录笔录');

  // 4. Extended: a contract dispute over a grazing lease, a month not enough; both parties consented.
  const lease = await register(end - 35 * DAY, { source: 'walk_in', category: 'contract', facts: '草场流转合同到期后，承租方未按约定恢复草场围栏，出租方扣留押金。', claims: '承租方要求退还押金两万元。', villageCode: village, committeeId: township.id, parties: [person('applicant', '才让东智', '13997030007'), person('respondent', '马成林', '13997030008')] });
  await act(mediatorT, lease, 'assign', { mediatorIds: [sangjie.id, head.id], leadId: sangjie.id, roomId: room365.id });
  await act(mediatorT, lease, 'accept', {});
  ids = await partyIds(lease);
  await act(mediatorT, lease, 'extend', { days: 15, reason: '需等待草场围栏实地核验', consents: ids.map((partyId) => ({ partyId, how: 'signed', at: new Date(clock.t + 26 * DAY) })) }, 26 * DAY);
  step('延期 双方同意');

  // 5. Settled in writing: unpaid wages at a building site.
  const wages = await register(end - 20 * DAY, { source: 'walk_in', category: 'labour', peopleCount: 6, facts: '6名农民工在某工地务工两个月，包工头拖欠工资共计4.8万元。', claims: '要求一次性结清工资。', villageCode: village, committeeId: township.id, parties: [person('applicant', '李得福', '13997030009'), person('respondent', '张建军', '13997030010')] });
  await act(mediatorT, wages, 'assign', { mediatorIds: [head.id], roomId: room365.id });
  await act(mediatorT, wages, 'accept', {});
  ids = await partyIds(wages);
  await act(mediatorT, wages, 'recordSession', { partyIds: ids, mediatorIds: [head.id], record: '包工头承认欠薪事实，称工程款未到位；经调解，同意分两期支付。', signedPartyIds: ids, signedMediatorIds: [head.id] }, 4 * DAY);
  await act(mediatorT, wages, 'recordAgreement', {
    form: 'written', terms: '被申请人于本月25日前支付2.8万元，下月10日前付清余款2万元，均以银行转账方式支付至各申请人账户。',
    responsibility: '被申请人拖欠劳动报酬，负全部责任。',
    items: [
      { content: '被申请人支付拖欠工资2.8万元。', manner: '银行转账至各申请人账户', deadline: dayOf(clock.t + 10 * DAY) },
      { content: '被申请人付清余款2万元。', manner: '银行转账至各申请人账户', deadline: dayOf(clock.t + 25 * DAY) },
    ],
  });
  // Signed by both parties, the mediator and sealed: the agreement takes effect and its confirmation window opens.
  for (const signer of [...ids, 'mediator', 'committee']) await act(mediatorT, wages, 'sign', { signer, method: signer === 'committee' ? 'seal' : 'screen' }, 10 * 60_000);
  step('书面协议 已生效');

  // 6. Settled orally and closed: a blocked drain between two shops.
  const drain = await register(end - 9 * DAY, { source: 'screening', category: 'neighbour', facts: '两家商铺共用排水沟被堵，污水倒灌。', villageCode: COMMUNITY, committeeId: community.id, parties: [person('applicant', '孙丽', '13997030011'), person('respondent', '周斌', '13997030012')] });
  await act(mediatorC, drain, 'assign', { mediatorIds: [han.id] });
  await act(mediatorC, drain, 'accept', {});
  ids = await partyIds(drain);
  await act(mediatorC, drain, 'recordSession', { partyIds: ids, record: '双方到场说明排水沟堵塞经过，同意共同出资疏通。', signedPartyIds: ids }, 4 * HOUR);
  // The file needs the parties' identity proofs before it can be closed.
  const idScan = await storeUpload(c2, idCardScan(), { userId: mediatorC.id });
  await act(mediatorC, drain, 'fileDocuments', { kind: 'identity', uploadIds: [idScan.id], title: '双方身份证复印件' }, 10 * 60_000);
  await act(mediatorC, drain, 'recordAgreement', { form: 'oral', terms: '双方各出一半费用，当天请人疏通排水沟。' }, 30 * 60_000);
  await act(mediatorC, drain, 'close', { note: '已现场履行' }, 2 * DAY);
  step('口头协议 已结案');

  // 7. Failed: a grassland boundary between two families; the legal routes were told.
  const grass = await register(end - 40 * DAY, { source: 'screening', category: 'land', peopleCount: 9, facts: '两户牧民因冬季草场界线发生争执，双方各持不同年份的承包证。', villageCode: village, committeeId: township.id, parties: [person('applicant', '多杰', '13997030013'), person('respondent', '索南', '13997030014')] });
  await act(mediatorT, grass, 'assign', { mediatorIds: [sangjie.id, head.id], leadId: sangjie.id, roomId: studio.id });
  await act(mediatorT, grass, 'accept', {});
  await act(mediatorT, grass, 'recordFailure', { reason: '双方对承包证效力各执一词，经三次调解未能达成一致。', routesTold: '可向浩门镇人民政府申请确权处理，对处理决定不服的可申请行政复议或提起行政诉讼。', toldAt: new Date(clock.t + 20 * DAY) }, 20 * DAY);
  step('调解不成 已告知途径');

  // 8. Referred to the court (诉调对接): a traffic injury claim; the court accepted it.
  const injury = await register(end - 15 * DAY, { source: 'walk_in', category: 'damages', facts: '电动车与行人相撞致行人骨折，双方对赔偿金额分歧较大。', claims: '申请人要求赔偿医疗费、误工费共计6万元。', villageCode: village, committeeId: township.id, parties: [person('applicant', '祁生花', '13997030015'), person('respondent', '铁文杰', '13997030016')] });
  await act(mediatorT, injury, 'assign', { mediatorIds: [head.id], roomId: room365.id });
  await act(mediatorT, injury, 'accept', {});
  await act(mediatorT, injury, 'refer', { to: 'court', receiver: '门源县人民法院', reason: '伤残等级需司法鉴定，转入诉调对接程序。' }, 5 * DAY);
  await act(mediatorT, injury, 'recordReferralAnswer', { answer: 'accepted', text: '已立案，委派特邀调解员继续调解。', answeredAt: new Date(clock.t + 2 * DAY) }, 2 * DAY);
  step('诉调对接 法院已接收');

  // 9. Refused: one side clearly declined mediation (voluntary): ended and recorded.
  const refused = await register(end - 6 * DAY, { source: 'walk_in', category: 'property', facts: '业主认为物业公司未履行保洁义务，拒交物业费。', villageCode: COMMUNITY, committeeId: community.id, parties: [person('applicant', '门源县某物业服务有限公司', '13997030017', { kind: 'organisation' }), person('respondent', '杨海燕', '13997030018')] });
  await act(mediatorC, refused, 'assign', { mediatorIds: [han.id] });
  ids = await partyIds(refused);
  await act(mediatorC, refused, 'refuse', { partyId: ids[1], reason: '业主明确表示不接受调解，将自行诉讼。' }, DAY);
  step('一方拒绝调解');

  await applyOnlineDemo();
  return made + 1;
}
