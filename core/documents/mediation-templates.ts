/**
 * The written documents of people's mediation (人民调解法; ../shared/STANDARDS.md §7.1 and §7.2a), each from the
 * data it must say: the agreement (调解协议书: the parties' details, the facts, the points in dispute and each side's
 * responsibility, the terms with the manner, place and time of performance, when it takes effect, the copies),
 * the notice of rights and duties, the notice that mediation ended without agreement (with the legal routes), and
 * the file's cover, contents and back cover, which `mediationFile` binds with the file's documents into one PDF.
 * Pure: data in, document definition out.
 */
import { chineseDate } from './letter-layout.ts';
import type { PdfBlock, PdfDoc } from './pdf-doc.ts';

/** A term as typed, closed with a full stop when it has none (else 费用自理履行方式 runs on). */
const sentence = (x: string) => (/[。！？；.!?;]$/.test(x.trim()) ? x.trim() : `${x.trim()}。`);

export const mediationTemplateIds = ['mediation.agreement', 'mediation.rights_notice', 'mediation.termination_notice', 'mediation.file_cover'] as const;
export type MediationTemplateId = (typeof mediationTemplateIds)[number];

/** A party as the agreement names it: a person with the details the law lists, or an organisation. */
export type MediationParty = {
  /** 申请人 / 被申请人 / 当事人. */
  role: string;
  name: string;
  address?: string;
  phone?: string;
  /** 委托代理人, if any. */
  agent?: string;
} & ({ kind: 'person'; sex?: '男' | '女'; age?: number; ethnicity?: string; idType?: string; idNumber?: string } | { kind: 'organisation'; representative?: string; creditCode?: string });

/** What every mediation document names: its number, the committee, the date, the dispute's code. */
export interface MediationBase {
  /** 文书编号, e.g. 门浩调字〔2026〕第12号. */
  docNo: string;
  /** The 人民调解委员会 (its seal is the signature). */
  committee: string;
  /** Date of the document, YYYY-MM-DD. */
  issuedOn: string;
  /** The dispute's code (the parties' query code). */
  disputeCode: string;
}

/** One agreed term: what is to be done, how, where and by when. */
export interface AgreementTerm {
  content: string;
  manner: string;
  place?: string;
  /** By when, YYYY-MM-DD. */
  deadline: string;
}

/** The data of each mediation document. */
export interface MediationTemplateData {
  'mediation.agreement': MediationBase & { parties: MediationParty[]; facts: string; points: string; responsibility: string; terms: AgreementTerm[]; mediators: string[] };
  'mediation.rights_notice': MediationBase & { party: string };
  'mediation.termination_notice': MediationBase & { party: string; otherParties: string; matter: string; reason: string; routes: string[] };
  'mediation.file_cover': {
    committee: string;
    disputeCode: string;
    /** 卷宗编号. */
    fileNo: string;
    /** 纠纷名称, e.g. 马某与韩某宅基地边界纠纷. */
    title: string;
    category: string;
    parties: string[];
    mediators: string[];
    acceptedOn: string;
    closedOn: string;
    outcome: string;
    /** 保管期限. */
    retention: '永久' | '长期' | '短期';
    /** The file's documents in order (卷内目录). */
    contents: { title: string; date?: string }[];
  };
}

/** The title each document is filed and downloaded under. */
export const mediationTemplateTitles: Record<MediationTemplateId, string> = {
  'mediation.agreement': '人民调解协议书',
  'mediation.rights_notice': '人民调解权利义务告知书',
  'mediation.termination_notice': '人民调解终止告知书',
  'mediation.file_cover': '人民调解卷宗',
};

/** When an agreement binds and what the parties may do with it (人民调解法 Art. 29, 31, 33). */
export const agreementEffectText = '本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章后生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行；人民调解委员会对调解协议的履行情况进行监督。';
export const judicialConfirmationText = '各方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。';

const mm = (v: number) => Math.round((v * 72) / 25.4);
const BODY = 14;
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const nth = (i: number) => numerals[i] ?? String(i + 1);
const para = (text: string, extra: Partial<PdfBlock> = {}): PdfBlock => ({ text, leadingIndent: BODY * 2, alignment: 'justify', margin: [0, 0, 0, 4], ...extra });
const heading = (text: string): PdfBlock => ({ text, bold: true, margin: [0, 8, 0, 4] });
const frame = (title: string, subject: string, date: string, content: PdfBlock[]): PdfDoc => ({
  pageSize: 'A4',
  pageMargins: [mm(28), mm(30), mm(26), mm(28)],
  info: { title, subject, date },
  defaultStyle: { fontSize: BODY, lineHeight: 1.5 },
  pageNumbers: true,
  content,
});
const titleBlocks = (title: string, docNo: string): PdfBlock[] => [
  { text: title, alignment: 'center', bold: true, fontSize: 22, lineHeight: 1.3, margin: [0, 0, 0, 8] },
  { text: docNo, alignment: 'center', margin: [0, 0, 0, 14] },
];
/** The committee's seal over its name and the date, at the right. */
const sealBlock = (committee: string, on: string): PdfBlock => ({
  unbreakable: true,
  margin: [0, 20, 0, 0],
  columns: [
    { width: '*', text: '' },
    { width: 'auto', stack: [{ text: '（印章）', alignment: 'center', margin: [0, 0, 0, 6] }, { text: committee, alignment: 'center' }, { text: chineseDate(on), alignment: 'center' }] },
    { width: BODY * 2, text: '' },
  ],
});

/** A signature row: who signs, the line to sign on, the date to fill in. */
const signLine = (who: string): PdfBlock => ({ columns: [{ width: '*', text: who, margin: [BODY * 2, 0, 0, 0] }, { width: BODY * 8, text: '＿＿＿＿＿＿' }, { width: BODY * 7, text: '年　　月　　日' }], margin: [0, 0, 0, 10] });

/** A party's line: a person's details as the law lists them, or an organisation's. */
export function partyLine(p: MediationParty): string {
  const bits: string[] = [p.name];
  if (p.kind === 'person') {
    if (p.sex) bits.push(p.sex);
    if (p.age !== undefined) bits.push(`${p.age}岁`);
    if (p.ethnicity) bits.push(p.ethnicity);
    if (p.idNumber) bits.push(`${p.idType ?? '居民身份证'}号码：${p.idNumber}`);
    if (p.address) bits.push(`住${p.address}`);
  } else {
    if (p.creditCode) bits.push(`统一社会信用代码：${p.creditCode}`);
    if (p.representative) bits.push(`法定代表人（负责人）：${p.representative}`);
    if (p.address) bits.push(`住所：${p.address}`);
  }
  if (p.phone) bits.push(`联系电话：${p.phone}`);
  return `${p.role}：${bits.join('，')}。${p.agent ? `委托代理人：${p.agent}。` : ''}`;
}

type Builders = { [T in MediationTemplateId]: (d: MediationTemplateData[T]) => PdfDoc };

/** Each template: its data → the document. */
export const mediationTemplates: Builders = {
  'mediation.agreement': (d) => {
    const copies = d.parties.length + 1;
    return frame(mediationTemplateTitles['mediation.agreement'], d.disputeCode, d.issuedOn, [
      ...titleBlocks(mediationTemplateTitles['mediation.agreement'], d.docNo),
      heading('当事人'),
      ...d.parties.map((p) => para(partyLine(p))),
      heading('纠纷主要事实、争议事项'),
      para(d.facts),
      para(`争议事项：${d.points}`),
      heading('各方当事人的责任'),
      para(d.responsibility),
      heading('协议内容'),
      para(`经${d.committee}主持调解，当事人自愿达成如下协议：`),
      ...d.terms.map((t, i) => para(`${nth(i)}、${sentence(t.content)}履行方式：${t.manner}；${t.place ? `履行地点：${t.place}；` : ''}履行期限：${chineseDate(t.deadline)}前。`)),
      heading('协议的效力'),
      para(agreementEffectText),
      para(judicialConfirmationText),
      para(`本协议一式${copies}份，当事人各执一份，人民调解委员会留存一份。`),
      {
        unbreakable: true,
        margin: [0, 16, 0, 0],
        stack: [
          { text: '当事人（签名、盖章或按指印）：', margin: [0, 0, 0, 8] },
          ...d.parties.map((p) => signLine(`${p.role}：${p.name}`)),
          { text: '人民调解员（签名）：', margin: [0, 4, 0, 8] },
          ...d.mediators.map((m) => signLine(m)),
          // The seal stays on the page of the signatures: together they make the agreement take effect.
          sealBlock(d.committee, d.issuedOn),
        ],
      },
    ]);
  },
  'mediation.rights_notice': (d) =>
    frame(mediationTemplateTitles['mediation.rights_notice'], d.disputeCode, d.issuedOn, [
      ...titleBlocks(mediationTemplateTitles['mediation.rights_notice'], d.docNo),
      { text: `${d.party}：`, margin: [0, 0, 0, 4] },
      para(`根据《中华人民共和国人民调解法》的规定，${d.committee}受理你参与的纠纷（查询码 ${d.disputeCode}）后，现将你在人民调解活动中享有的权利和应当履行的义务告知如下：`),
      heading('一、当事人享有下列权利'),
      ...['（一）选择或者接受人民调解员；', '（二）接受调解、拒绝调解或者要求终止调解；', '（三）要求调解公开进行或者不公开进行；', '（四）自主表达意愿、自愿达成调解协议。'].map((t) => para(t)),
      heading('二、当事人应当履行下列义务'),
      ...['（一）如实陈述纠纷事实；', '（二）遵守调解现场秩序，尊重人民调解员；', '（三）尊重对方当事人行使权利。'].map((t) => para(t)),
      heading('三、其他事项'),
      para('人民调解遵循自愿、平等、合法的原则，不收取任何费用。人民调解不妨碍你依法通过仲裁、行政、司法等途径维护自己的权利。'),
      para('本人已知悉上述权利和义务。　当事人（签名）：＿＿＿＿＿＿　　年　月　日', { margin: [0, 16, 0, 0] }),
      sealBlock(d.committee, d.issuedOn),
    ]),
  'mediation.termination_notice': (d) =>
    frame(mediationTemplateTitles['mediation.termination_notice'], d.disputeCode, d.issuedOn, [
      ...titleBlocks(mediationTemplateTitles['mediation.termination_notice'], d.docNo),
      { text: `${d.party}：`, margin: [0, 0, 0, 4] },
      para(`你与${d.otherParties}之间的${d.matter}纠纷（查询码 ${d.disputeCode}），经本委员会调解，${d.reason}，未能达成调解协议。本委员会决定终止调解。`),
      para('根据《中华人民共和国人民调解法》的规定，你可以依法通过仲裁、行政、司法等途径维护自己的权利：'),
      ...d.routes.map((r, i) => para(`${nth(i)}、${r}`)),
      { text: '特此告知。', leadingIndent: BODY * 2, margin: [0, 4, 0, 0] },
      sealBlock(d.committee, d.issuedOn),
    ]),
  'mediation.file_cover': (d) =>
    frame(mediationTemplateTitles['mediation.file_cover'], d.disputeCode, d.closedOn, [
      { text: d.committee, alignment: 'center', fontSize: 18, margin: [0, 40, 0, 24] },
      { text: '人民调解卷宗', alignment: 'center', bold: true, fontSize: 30, characterSpacing: 6, margin: [0, 0, 0, 40] },
      ...([
        ['卷宗编号', d.fileNo],
        ['纠纷名称', d.title],
        ['纠纷类型', d.category],
        ['当事人', d.parties.join('、')],
        ['人民调解员', d.mediators.join('、')],
        ['受理日期', chineseDate(d.acceptedOn)],
        ['结案日期', chineseDate(d.closedOn)],
        ['调解结果', d.outcome],
        ['保管期限', d.retention],
      ] as const).map(([k, v]): PdfBlock => ({ columns: [{ width: BODY * 7, text: `${k}：` }, { width: '*', text: v }], margin: [mm(10), 0, 0, 8] })),
      { text: '卷内目录', alignment: 'center', bold: true, fontSize: 18, pageBreak: 'before', margin: [0, 0, 0, 16] },
      ...d.contents.map((c, i): PdfBlock => ({ columns: [{ width: BODY * 3, text: `${i + 1}` }, { width: '*', text: c.title }, { width: BODY * 8, text: c.date ? chineseDate(c.date) : '' }], margin: [0, 0, 0, 6] })),
    ]),
};

/** The back cover (封底) of a mediation file: how many documents it binds, and who filed it when. */
function backCover(d: MediationTemplateData['mediation.file_cover']): PdfBlock[] {
  return [
    { text: '封　底', alignment: 'center', bold: true, fontSize: 18, pageBreak: 'before', margin: [0, 0, 0, 24] },
    para(`本卷宗共收录文书材料${d.contents.length}件，卷宗编号 ${d.fileNo}，由${d.committee}立卷归档，保管期限${d.retention}。`),
    para(`立卷日期：${chineseDate(d.closedOn)}\u3000\u3000立卷人（签名）：＿＿＿＿＿＿\u3000\u3000检查人（签名）：＿＿＿＿＿＿`, { margin: [0, 16, 0, 0] }),
  ];
}

/**
 * The whole mediation file as one document: the cover and contents, then each of the file's documents on new
 * pages in the order of the contents, then the back cover. Page numbers run through the whole file.
 */
export function mediationFile(cover: MediationTemplateData['mediation.file_cover'], documents: PdfDoc[]): PdfDoc {
  const doc = mediationTemplates['mediation.file_cover'](cover);
  const bound = documents.flatMap((d) => d.content.map((b, i): PdfBlock => (i === 0 ? { ...b, pageBreak: 'before' } : b)));
  return { ...doc, info: { ...doc.info, title: `${cover.title}（卷宗）` }, content: [...doc.content, ...bound, ...backCover(cover)] };
}
