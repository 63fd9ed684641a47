/**
 * The six petition documents say what the rules require of each: the title, number, addressee, issuer and date of
 * every official letter, and each one's own statements (limits, the next body, finality).
 */
import { describe, expect, it } from 'vitest';
import type { PdfBlock, PdfText } from './pdf-doc.ts';
import { chineseDate } from './letter-layout.ts';
import { finalityText, petitionTemplates, type PetitionTemplateData } from './petition-templates.ts';
import { buildDocument, templateTitles } from './templates.ts';
import { petitionTemplateIds as templateIds } from './petition-templates.ts';
import { base, samples } from './petition-samples.ts';

/** All the text a document draws, blocks in order, one line per block. */
function textOf(blocks: PdfBlock[]): string {
  const t = (x: PdfText | undefined): string => (x === undefined ? '' : typeof x === 'string' ? x : Array.isArray(x) ? x.map(t).join('') : t(x.text));
  return blocks.map((b) => [t(b.text), b.stack ? textOf(b.stack) : '', b.columns ? textOf(b.columns) : ''].filter(Boolean).join('\n')).join('\n');
}
const render = <T extends keyof PetitionTemplateData>(id: T, d: PetitionTemplateData[T] = samples[id]) => textOf(buildDocument(id, d as never).content);

describe('petition templates', () => {
  it('lays every document out as an official letter: title, number, addressee, body, seal, issuer and date', () => {
    expect(templateIds).toEqual(Object.keys(petitionTemplates));
    for (const id of templateIds) {
      const doc = buildDocument(id, samples[id] as never);
      const text = textOf(doc.content);
      expect(doc.pageSize).toBe('A4');
      expect(doc.content[0]).toMatchObject({ alignment: 'center', bold: true });
      expect(doc.info).toEqual({ title: expect.stringMatching(/^信访事项/), subject: base.petitionCode, date: base.issuedOn });
      const lines = text.split('\n').filter(Boolean);
      expect(lines[1]).toBe(base.docNo);
      expect(lines[2]).toMatch(/：$/);
      expect(lines.slice(-3)).toEqual(['（印章）', base.issuer, '2026年3月5日']);
      expect(text).toContain(base.matter);
      expect(text).toContain(base.petitionCode);
      if (id !== 'petition.transfer_letter') expect(lines[0]).toBe(templateTitles[id]);
    }
  });

  it('says what each document must say', () => {
    expect(render('petition.acceptance_notice')).toMatch(/已收到，并于2026年3月4日依法受理[\s\S]*处理途径：由房产管理股调查核实[\s\S]*办理程序：[\s\S]*60日内办结[\s\S]*不超过30日，并将延期理由告知你/);
    expect(render('petition.non_acceptance_notice')).toMatch(/不予受理[\s\S]*理由：该事项已进入诉讼程序[\s\S]*向门源县人民法院提起诉讼/);
    expect(render('petition.non_acceptance_notice', { ...samples['petition.non_acceptance_notice'], redirect: { route: 'administrative_review', body: '门源县人民政府' } })).toContain('向门源县人民政府申请行政复议');
    const assign = render('petition.transfer_letter');
    expect(assign.split('\n')[0]).toBe('信访事项交办函');
    expect(assign).toMatch(/^门源县市场监督管理局：/m);
    expect(assign).toMatch(/张\*（联系电话：138\*\*\*\*1234）/);
    expect(assign).toMatch(/请于2026年4月30日前将办理结果报送本机关[\s\S]*15日内书面告知信访人[\s\S]*5个工作日内向本机关提出异议/);
    const transfer = render('petition.transfer_letter', { ...base, recipient: '浩门镇人民政府', petitionerMasked: '张*', contactMasked: '138****1234', receivedOn: '2026-03-01', mode: 'transfer' });
    expect(transfer.split('\n')[0]).toBe('信访事项转送函');
    expect(transfer).not.toContain('报送本机关');
    expect(render('petition.reply')).toMatch(/经调查核实的事实：经现场测温[\s\S]*处理依据：[\s\S]*处理意见：责令[\s\S]*自收到本答复意见书之日起30日内，向门源县人民政府请求复查/);
    expect(render('petition.review_opinion')).toMatch(/不服门源县住房和城乡建设局[\s\S]*2026年5月10日提出复查请求[\s\S]*自收到本复查意见书之日起30日内，向海北藏族自治州人民政府请求复核/);
    const final = render('petition.re_review_opinion');
    expect(final).toContain(finalityText);
    expect(final).toContain('听证时间不计入复核期限');
    expect(render('petition.re_review_opinion', { ...samples['petition.re_review_opinion'], hearingHeld: false })).not.toContain('听证');
    // The petitioner's name is on the notices addressed to them, never on the letter to another body.
    expect(assign).not.toContain('张三');
  });

  it('writes dates the Chinese way and refuses anything but a date', () => {
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
    expect(() => chineseDate('2026-1-9')).toThrow(/not a date/);
  });
});
