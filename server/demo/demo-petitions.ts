/**
 * Demo petitions in 门源县: one of every channel and stage (a new registration, a transfer waiting for the body, a
 * 集体访 in hand, a reply whose 复查 window runs, one in 复查, one final after 复核 with a hearing, a 检举控告 handed
 * over, a 诉访分离 refusal, an approved extension, and a repeat after the final stage), driven through the real
 * services on a moving clock, so every clock, document, service record and audit row is what real use leaves.
 */
import { SeedClock, demoActor, pdfFontsPresent } from './demo-kit.ts';
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { listDepartments } from '../modules/catalog/catalog.service.ts';
import { storeUpload } from '../modules/uploads/uploads.service.ts';
import { registerPetition } from '../modules/petitions/petition-register.service.ts';
import { applyPetitionAction } from '../modules/petitions/petition-actions.service.ts';
import { submitOnline } from '../modules/petitions/public-petition.service.ts';
import { hasPetitions } from '../modules/petitions/petition-queries.service.ts';
import { pngImage } from '../lib/png.ts';
import { checkCharacter } from '../../core/people/id-number.ts';
import type { PetitionAction } from '../../core/workflow/petition-workflow.ts';
import type { PetitionRegisterInput } from '../../core/schemas/petitions.schema.ts';

const DAY = 86_400_000;
/** A valid 18-digit ID number from its first 17 digits (made-up people of the demo county). */
const idOf = (first17: string) => first17 + checkCharacter(first17);

const user = demoActor;

/** A grey A4-shaped page with dark lines, as a PNG: the "scan" of a demo letter (made here, nothing shipped). */
function letterScan(): Uint8Array {
  const w = 124, h = 176;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w, 235); // filter byte 0, then grey pixels
    row[0] = 0;
    if (y > 20 && y < h - 20 && y % 9 === 0) for (let x = 14; x < w - 14 - ((y * 7) % 30); x++) row[1 + x] = 70;
    rows.push(row);
  }
  return new Uint8Array(pngImage(w, h, 0, rows)); // 8-bit greyscale
}


/**
 * Seeds the demo petitions once (none present yet); returns how many were made. Without the PDF fonts only the
 * registrations are made (every later step issues a document) and the message says what to install.
 */
export async function seedDemoPetitions(ctx: AppContext, onProgress: (msg: string) => void = () => {}): Promise<number> {
  if (await hasPetitions(ctx, '632221')) return 0;
  const withDocuments = pdfFontsPresent();
  if (!withDocuments) onProgress('信访文书需要字体：apt-get install fonts-noto-cjk fonts-hanazono（只登记，不出文书） petition documents need fonts: registrations only');
  const end = ctx.clock.now().getTime() - 2 * 3600_000;
  const clock = new SeedClock(end - 95 * DAY);
  const c2: AppContext = { ...ctx, clock };
  const office = await user(ctx, 'county.petitionOfficer');
  const township = await user(ctx, 'township.petitionOfficer');
  const county = await user(ctx, 'county.operator');
  const prefecture = await user(ctx, 'prefecture.petitionOfficer');
  const leader = await user(ctx, 'county.leader');
  const housing = await user(ctx, 'dept.housing');
  const market = await user(ctx, 'dept.market');
  const depts = new Map((await listDepartments(ctx, systemActor(ROOT_SCOPE, 'demo-seed'))).map((d) => [d.name, d.id]));
  const dept = (name: string) => depts.get(name)!;
  const at = (days: number) => (clock.t += days * DAY);

  const register = async (input: PetitionRegisterInput) => (await registerPetition(c2, office, input)).code;
  const act = async (who: Actor, code: string, action: PetitionAction, input: Record<string, unknown> = {}) => {
    if (!withDocuments) return;
    await applyPetitionAction(c2, who, code, action, input as never);
  };
  const serve = (code: string, method: 'in_person' | 'post' | 'sms_link' = 'in_person') => act(office, code, 'serve', { method, servedAt: new Date(clock.t), ...(method === 'post' ? { trackingNo: `XA${String(clock.t).slice(-10)}` } : {}) });
  const reply = { facts: '经实地核查，反映的问题属实。', basis: '依据《青海省城镇供热条例》等有关规定。', decision: '责成相关单位限期整改，并向信访人反馈整改结果。' };
  const village = '632221100001';
  let made = 0;
  const step = (what: string) => onProgress(`演示信访 demo petitions ${++made}/11 ${what}`);

  // 1. 来电, just registered: the 15-day transfer clock runs.
  clock.t = end - 1 * DAY;
  await register({ channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '村口道路塌陷三个月无人修复，车辆通行危险，要求尽快修复。', villageCode: village, petitioners: [{ name: '马国华', phone: '13997010001', representative: false }], skippedLevel: false, uploadIds: [] });
  step('来电 已登记');

  // 2. 来信 with its scan and envelope, transferred to 住建局: waiting for acceptance (15 days) or objection (5 working days).
  clock.t = end - 6 * DAY;
  const scan = await storeUpload(c2, letterScan(), { userId: office.id });
  const envelope = await storeUpload(c2, letterScan(), { userId: office.id });
  const letter = await register({ channel: 'letter', kind: 'complaint', categoryId: 'livelihood.heating', matter: '小区冬季供暖温度长期不达标，室温不足十六度，多次向物业反映无果。', villageCode: village, petitioners: [{ name: '李秀英', idNumber: idOf('63222119650312002'), phone: '13997010002', representative: false }], letterUploadIds: [scan.id], envelopeUploadIds: [envelope.id], skippedLevel: false, uploadIds: [] });
  at(2);
  await act(office, letter, 'transfer', { to: { departmentId: dept('门源县住房和城乡建设局') } });
  step('来信 已转送');

  // 3. 集体访 of six (two representatives), accepted by 住建局 and its notice served in person: in hand.
  clock.t = end - 25 * DAY;
  const visit = await register({ channel: 'visit', kind: 'complaint', categoryId: 'municipal.water', peopleCount: 6, matter: '小区连续两周间歇停水，居民生活受到严重影响，要求查明原因并保障供水。', villageCode: village, petitioners: [{ name: '韩德明', phone: '13997010003', representative: true }, { name: '祁玉兰', phone: '13997010004', representative: true }], skippedLevel: false, uploadIds: [] });
  at(1);
  await act(office, visit, 'transfer', { to: { departmentId: dept('门源县住房和城乡建设局') } });
  at(3);
  await act(housing, visit, 'accept', { procedure: '本机关将在受理之日起六十日内办结并书面答复。' });
  at(1);
  await serve(visit);
  step('集体访 办理中');

  // 4. 网上 (the resident H5 form), a suggestion sent to 市场监管局 and accepted.
  clock.t = end - 12 * DAY;
  const online = (await submitOnline(c2, '10.0.0.8', { kind: 'suggestion', categoryId: 'market.food', matter: '建议在集贸市场设立食品快检点，方便群众随时检测。', villageCode: village, name: '赵晓燕', phone: '13997010005', uploadIds: [] })).code;
  at(2);
  await act(office, online, 'transfer', { to: { departmentId: dept('门源县市场监督管理局') } });
  at(4);
  await act(market, online, 'accept', {});
  step('网上 已受理');

  // 5. 视频, answered and served by post: the 30-day 复查 window runs; the petitioner rated it.
  clock.t = end - 50 * DAY;
  const video = await register({ channel: 'video', kind: 'complaint', categoryId: 'municipal.streetlight', matter: '主干道路灯大面积不亮已一个多月，夜间出行不安全。', villageCode: village, petitioners: [{ name: '冶成林', phone: '13997010006', representative: false }], skippedLevel: false, uploadIds: [] });
  at(1);
  await act(office, video, 'transfer', { to: { departmentId: dept('门源县住房和城乡建设局') } });
  at(3);
  await act(housing, video, 'accept', {});
  at(1);
  await serve(video);
  at(20);
  await act(housing, video, 'conclude', { ...reply, uploadIds: [] });
  at(2);
  await serve(video, 'post');
  step('视频 已答复');

  // 6. 复查中: a township's reply, served, and a review asked of the county government within the window.
  clock.t = end - 70 * DAY;
  const review = await register({ channel: 'phone', kind: 'complaint', categoryId: 'dispute.land', matter: '承包草场被邻村占用，镇政府调处结果不公，要求重新处理。', villageCode: village, petitioners: [{ name: '才让东智', phone: '13997010007', representative: false }], skippedLevel: false, uploadIds: [] });
  at(1);
  await act(office, review, 'assign', { to: { regionCode: '632221100000' }, reportBy: new Date(clock.t + 40 * DAY + 8 * 3600_000).toISOString().slice(0, 10) });
  at(2);
  await act(township, review, 'accept', {});
  at(1);
  await serve(review);
  at(30);
  await act(township, review, 'conclude', { facts: '经现场勘界，草场界线以二〇一六年确权登记为准。', basis: '依据《中华人民共和国农村土地承包法》有关规定。', decision: '维持原调处意见。', uploadIds: [] });
  at(1);
  await serve(review);
  at(10);
  await act(office, review, 'requestReview', { to: { regionCode: '632221000000' }, reason: '对镇政府答复意见不服，申请复查。' });
  step('复查中');

  // 7. Final: reply, 复查, then 复核 with a hearing; the same facts afterwards are 不再受理 (8.).
  clock.t = end - 95 * DAY;
  const final = await register({ channel: 'visit', kind: 'complaint', categoryId: 'livelihood.heating', peopleCount: 1, matter: '小区供暖不达标，要求供热企业退还部分采暖费。', villageCode: village, petitioners: [{ name: '张三', idNumber: idOf('63222119700101001'), phone: '13997010008', representative: false }], skippedLevel: false, uploadIds: [] });
  at(1);
  await act(office, final, 'transfer', { to: { departmentId: dept('门源县住房和城乡建设局') } });
  at(2);
  await act(housing, final, 'accept', {});
  at(1);
  await serve(final);
  at(15);
  await act(housing, final, 'conclude', { ...reply, uploadIds: [] });
  await serve(final);
  at(5);
  await act(office, final, 'requestReview', { to: { regionCode: '632221000000' }, reason: '对答复意见不服。' });
  at(14);
  await act(county, final, 'concludeReview', { facts: '复查认定的事实与原答复一致。', basis: '依据《青海省城镇供热条例》有关规定。', decision: '维持原答复意见。', uploadIds: [] });
  await serve(final);
  at(6);
  await act(office, final, 'requestReReview', { to: { regionCode: '632200000000' }, reason: '对复查意见仍不服，申请复核。' });
  at(3);
  await act(prefecture, final, 'startHearing', { note: '召开听证会' });
  at(4);
  await act(prefecture, final, 'endHearing', {});
  at(10);
  await act(prefecture, final, 'concludeReReview', { facts: '经听证，复核认定的事实清楚。', basis: '依据《信访工作条例》有关规定。', decision: '维持复查意见。', uploadIds: [] });
  await serve(final);
  step('复核 终结');
  clock.t = end - 3 * DAY;
  // 8. The same person and matter again after the final stage: flagged 不再受理 for the officer to confirm.
  await register({ channel: 'phone', kind: 'complaint', categoryId: 'livelihood.heating', matter: '小区供暖不达标，要求供热企业退还部分采暖费。', villageCode: village, petitioners: [{ name: '张三', idNumber: idOf('63222119700101001'), phone: '13997010008', representative: false }], skippedLevel: false, uploadIds: [], repeatOf: final });
  step('重复信访 不再受理');

  // 9. 检举控告, handed to the discipline bodies.
  clock.t = end - 20 * DAY;
  const accusation = await register({ channel: 'letter', kind: 'accusation', categoryId: 'dispute.wage', matter: '反映某村干部在工程款发放中优亲厚友。', villageCode: village, petitioners: [{ name: '匿名', representative: false }], letterUploadIds: [(await storeUpload(c2, letterScan(), { userId: office.id })).id], envelopeUploadIds: [], skippedLevel: false, uploadIds: [] });
  at(2);
  await act(office, accusation, 'handOver', { to: '门源县纪委监委' });
  step('检举控告 已移交');

  // 10. 诉访分离: a matter for the courts, refused with a written notice that says where to go.
  clock.t = end - 15 * DAY;
  const court = await register({ channel: 'phone', kind: 'complaint', categoryId: 'dispute.wage', matter: '与建筑公司劳务合同纠纷，要求支付拖欠工资，已有法院一审判决。', villageCode: village, petitioners: [{ name: '马福祥', phone: '13997010009', representative: false }], skippedLevel: false, uploadIds: [] });
  at(2);
  await act(office, court, 'notAccept', { ground: 'litigation', reason: '该事项已进入诉讼程序，应通过上诉等法定途径解决。', steerTo: '海北藏族自治州中级人民法院' });
  await serve(court);
  step('不予受理 诉访分离');

  // 11. A complex matter: extension of 30 days asked by the body and approved by the county leader.
  clock.t = end - 40 * DAY;
  const extended = await register({ channel: 'visit', kind: 'complaint', categoryId: 'municipal.road', peopleCount: 2, matter: '通村公路改建工程占用农户耕地，补偿款至今未发放。', villageCode: village, petitioners: [{ name: '祁生福', phone: '13997010010', representative: false }], skippedLevel: false, uploadIds: [] });
  at(1);
  await act(office, extended, 'transfer', { to: { departmentId: dept('门源县住房和城乡建设局') } });
  at(2);
  await act(housing, extended, 'accept', {});
  await serve(extended);
  at(30);
  await act(housing, extended, 'requestExtension', { days: 30, reason: '涉及多部门补偿标准核定，情况复杂。' });
  at(1);
  await act(leader, extended, 'approveExtension', { note: '同意延期' });
  step('延期 已批准');
  return made;
}
