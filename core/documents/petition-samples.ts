/** Sample data of each petition document (tests; the demo may show them): a heating complaint in 门源县. */
import type { PetitionTemplateData } from './petition-templates.ts';

/** What every sample shares. */
export const base = { docNo: '门信〔2026〕7号', issuer: '门源县住房和城乡建设局', issuedOn: '2026-03-05', petitionCode: '632221-7KQ2M9XF', matter: '小区供暖不达标' };
const findings = { facts: '经现场测温，室温16℃。', basis: '《青海省城镇供热条例》有关规定。', decision: '责令供热企业十日内整改。' };
/** One sample per template. */
export const samples: PetitionTemplateData = {
  'petition.acceptance_notice': { ...base, petitioner: '张三', receivedOn: '2026-03-01', acceptedOn: '2026-03-04', route: '由房产管理股调查核实', procedure: '调查—约谈—整改—答复' },
  'petition.non_acceptance_notice': { ...base, petitioner: '张三', receivedOn: '2026-03-01', reason: '该事项已进入诉讼程序', redirect: { route: 'litigation', body: '门源县人民法院' } },
  'petition.transfer_letter': { ...base, recipient: '门源县市场监督管理局', petitionerMasked: '张*', contactMasked: '138****1234', receivedOn: '2026-03-01', mode: 'assign', reportBackBy: '2026-04-30' },
  'petition.reply': { ...base, petitioner: '张三', acceptedOn: '2026-03-04', ...findings, reviewBody: '门源县人民政府' },
  'petition.review_opinion': { ...base, petitioner: '张三', originalBody: '门源县住房和城乡建设局', requestReceivedOn: '2026-05-10', ...findings, reReviewBody: '海北藏族自治州人民政府' },
  'petition.re_review_opinion': { ...base, petitioner: '张三', reviewBody: '门源县人民政府', requestReceivedOn: '2026-07-01', ...findings, hearingHeld: true },
};

