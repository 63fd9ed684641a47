/** Sample data of each mediation document (tests; the demo may show them): a homestead boundary dispute in 门源县. */
import type { MediationTemplateData } from './mediation-templates.ts';

const base = { docNo: '门浩调字〔2026〕第12号', committee: '浩门镇人民调解委员会', issuedOn: '2026-03-12', disputeCode: '632221-M7KQ2M9X' };
/** One sample per template. */
export const mediationSamples: MediationTemplateData = {
  'mediation.agreement': {
    ...base,
    parties: [
      { role: '申请人', kind: 'person', name: '马福海', sex: '男', age: 52, ethnicity: '回族', idNumber: '632221197403150013', address: '门源县浩门镇团结村三社', phone: '13997010021' },
      { role: '被申请人', kind: 'person', name: '韩桂兰', sex: '女', age: 47, ethnicity: '汉族', address: '门源县浩门镇团结村三社', phone: '13997010022', agent: '韩明（其子）' },
    ],
    facts: '双方系相邻农户。2025年秋，被申请人翻建院墙时向申请人一侧延伸约0.4米，申请人认为占用其宅基地，双方多次争吵。',
    points: '院墙是否越过宅基地界线，以及越界部分如何处理。',
    responsibility: '经现场勘测并对照2016年宅基地确权登记图，被申请人院墙越界0.4米，负主要责任；申请人以堆放杂物方式阻碍施工，负次要责任。',
    terms: [
      { content: '被申请人将越界院墙拆除并按确权界线重建。', manner: '被申请人自行组织施工，费用自担', place: '双方宅基地交界处', deadline: '2026-04-30' },
      { content: '申请人清理堆放在界线处的杂物，不再阻碍施工。', manner: '申请人自行清理', deadline: '2026-03-20' },
    ],
    mediators: ['才让当知', '李秀英'],
  },
  'mediation.rights_notice': { ...base, party: '马福海' },
  'mediation.termination_notice': { ...base, party: '马福海', otherParties: '韩桂兰', matter: '宅基地边界', reason: '被申请人明确表示不同意继续调解', routes: ['向门源县人民法院提起民事诉讼；', '向浩门镇人民政府申请处理宅基地使用权争议。'] },
  'mediation.file_cover': {
    committee: base.committee, disputeCode: base.disputeCode, fileNo: '门浩调卷〔2026〕第12号', title: '马福海与韩桂兰宅基地边界纠纷', category: '土地宅基地纠纷',
    parties: ['马福海', '韩桂兰'], mediators: ['才让当知', '李秀英'], acceptedOn: '2026-03-02', closedOn: '2026-03-12', outcome: '调解成功，达成书面协议', retention: '长期',
    contents: [{ title: '人民调解受理登记表', date: '2026-03-02' }, { title: '人民调解权利义务告知书', date: '2026-03-02' }, { title: '当事人身份证明' }, { title: '人民调解调查记录', date: '2026-03-05' }, { title: '人民调解记录', date: '2026-03-10' }, { title: '人民调解协议书', date: '2026-03-12' }],
  },
};
