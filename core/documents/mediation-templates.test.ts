/**
 * The mediation documents say what the law requires of each (人民调解法 Art. 23, 24, 26, 29, 31, 33): the
 * agreement's parties, facts, points, responsibility, terms with manner, place and time, effect and copies; the
 * rights and duties; the legal routes after a failed mediation; and the file binds its documents between cover
 * and back cover.
 */
import { describe, expect, it } from 'vitest';
import type { PdfBlock, PdfText } from './pdf-doc.ts';
import { agreementEffectText, judicialConfirmationText, mediationFile, mediationTemplates, partyLine } from './mediation-templates.ts';
import { mediationSamples as s } from './mediation-samples.ts';

function textOf(blocks: PdfBlock[]): string {
  const t = (x: PdfText | undefined): string => (x === undefined ? '' : typeof x === 'string' ? x : Array.isArray(x) ? x.map(t).join('') : t(x.text));
  return blocks.map((b) => [t(b.text), b.stack ? textOf(b.stack) : '', b.columns ? textOf(b.columns) : ''].filter(Boolean).join('\n')).join('\n');
}

describe('mediation documents', () => {
  it('the agreement holds what Art. 29 lists, takes effect on signatures and seal, and counts one copy per party plus the committee\'s', () => {
    const doc = mediationTemplates['mediation.agreement'](s['mediation.agreement']);
    const text = textOf(doc.content);
    expect(doc.info).toEqual({ title: '人民调解协议书', subject: '632221-M7KQ2M9X', date: '2026-03-12' });
    expect(text).toMatch(/^人民调解协议书\n门浩调字〔2026〕第12号/);
    expect(text).toContain('申请人：马福海，男，52岁，回族，居民身份证号码：632221197403150013，住门源县浩门镇团结村三社，联系电话：13997010021。');
    expect(text).toContain('被申请人：韩桂兰，女，47岁，汉族，住门源县浩门镇团结村三社，联系电话：13997010022。委托代理人：韩明（其子）。');
    expect(text).toMatch(/纠纷主要事实、争议事项\n双方系相邻农户[\s\S]*争议事项：院墙是否越过/);
    expect(text).toMatch(/各方当事人的责任\n经现场勘测[\s\S]*负主要责任/);
    expect(text).toMatch(/经浩门镇人民调解委员会主持调解，当事人自愿达成如下协议：\n一、被申请人将越界院墙拆除并按确权界线重建。履行方式：被申请人自行组织施工，费用自担；履行地点：双方宅基地交界处；履行期限：2026年4月30日前。\n二、申请人清理[\s\S]*履行方式：申请人自行清理；履行期限：2026年3月20日前。/);
    expect(text).toContain(agreementEffectText);
    expect(text).toContain(judicialConfirmationText);
    expect(text).toContain('本协议一式3份，当事人各执一份，人民调解委员会留存一份。');
    expect(text).toMatch(/当事人（签名、盖章或按指印）：\n申请人：马福海\n＿+\n年\u3000\u3000月\u3000\u3000日\n被申请人：韩桂兰[\s\S]*人民调解员（签名）：\n才让当知\n＿+\n年\u3000\u3000月\u3000\u3000日\n李秀英/);
    expect(text.split('\n').filter(Boolean).slice(-3)).toEqual(['（印章）', '浩门镇人民调解委员会', '2026年3月12日']);
    const three = mediationTemplates['mediation.agreement']({ ...s['mediation.agreement'], parties: [...s['mediation.agreement'].parties, { role: '第三人', kind: 'organisation', name: '团结村村民委员会', representative: '马德林' }] });
    expect(textOf(three.content)).toContain('本协议一式4份');
  });

  it('a term typed without a full stop gets one before its manner of performance', () => {
    const base = s['mediation.agreement'];
    const doc = mediationTemplates['mediation.agreement']({ ...base, terms: [{ ...base.terms[0]!, content: '李秀英拆除越界院墙，费用自理' }] });
    expect(textOf(doc.content)).toContain('一、李秀英拆除越界院墙，费用自理。履行方式：');
  });

  it('an organisation is named with its representative; nothing is said that was not given', () => {
    expect(partyLine({ role: '被申请人', kind: 'organisation', name: '门源县某建筑公司', representative: '张强', address: '门源县浩门镇北大街8号' })).toBe('被申请人：门源县某建筑公司，法定代表人（负责人）：张强，住所：门源县浩门镇北大街8号。');
    expect(partyLine({ role: '当事人', kind: 'person', name: '才让' })).toBe('当事人：才让。');
  });

  it('the rights notice lists the rights and duties of Art. 23 and 24 and says mediation is free', () => {
    const text = textOf(mediationTemplates['mediation.rights_notice'](s['mediation.rights_notice']).content);
    expect(text).toMatch(/选择或者接受人民调解员[\s\S]*接受调解、拒绝调解或者要求终止调解[\s\S]*公开进行或者不公开进行[\s\S]*自愿达成调解协议/);
    expect(text).toMatch(/如实陈述纠纷事实[\s\S]*尊重人民调解员[\s\S]*尊重对方当事人行使权利/);
    expect(text).toContain('不收取任何费用');
  });

  it('a failed mediation is ended with the legal routes told (Art. 26)', () => {
    const text = textOf(mediationTemplates['mediation.termination_notice'](s['mediation.termination_notice']).content);
    expect(text).toMatch(/你与韩桂兰之间的宅基地边界纠纷[\s\S]*被申请人明确表示不同意继续调解，未能达成调解协议。本委员会决定终止调解。/);
    expect(text).toMatch(/仲裁、行政、司法等途径[\s\S]*一、向门源县人民法院提起民事诉讼；\n二、向浩门镇人民政府申请处理/);
  });

  it('the file binds cover, contents, each document on a new page, and the back cover', () => {
    const agreement = mediationTemplates['mediation.agreement'](s['mediation.agreement']);
    const notice = mediationTemplates['mediation.rights_notice'](s['mediation.rights_notice']);
    const file = mediationFile(s['mediation.file_cover'], [notice, agreement]);
    const text = textOf(file.content);
    expect(file.info.title).toBe('马福海与韩桂兰宅基地边界纠纷（卷宗）');
    expect(text).toMatch(/人民调解卷宗[\s\S]*卷宗编号：\n门浩调卷〔2026〕第12号[\s\S]*保管期限：\n长期[\s\S]*卷内目录\n1\n人民调解受理登记表\n2026年3月2日/);
    // The documents follow in order, each starting a page; the back cover closes the file.
    expect(text.indexOf('人民调解权利义务告知书')).toBeLessThan(text.indexOf('本协议一式3份'));
    const starts = file.content.filter((b) => b.pageBreak === 'before').map((b) => textOf([b]).split('\n')[0]);
    expect(starts).toEqual(['卷内目录', '人民调解权利义务告知书', '人民调解协议书', '封　底']);
    expect(text).toMatch(/封\u3000底\n本卷宗共收录文书材料6件，卷宗编号 门浩调卷〔2026〕第12号/);
  });
});
