/**
 * The six written documents of a petition (信访工作条例, 2022; ../shared/STANDARDS.md §7.2), each from the data it
 * must say. Pure: data in, document definition out. The limits they state are the rules' own (15 days to notify,
 * 5 working days to object, 60 + 30 days to conclude, 30 days to ask for 复查 or 复核 from receipt, finality after
 * 复核); article numbers stay out of code (sources disagree on them).
 */
import { chineseDate, officialLetter } from './letter-layout.ts';
import type { PdfDoc } from './pdf-doc.ts';

export const petitionTemplateIds = [
  'petition.acceptance_notice',
  'petition.non_acceptance_notice',
  'petition.transfer_letter',
  'petition.reply',
  'petition.review_opinion',
  'petition.re_review_opinion',
] as const;
export type PetitionTemplateId = (typeof petitionTemplateIds)[number];

/** What every petition document names: its number, who issues it and when, the petition and its matter. */
export interface PetitionLetterBase {
  /** 文号, e.g. 门信受〔2026〕12号. */
  docNo: string;
  /** The issuing body (机关), as signed. */
  issuer: string;
  /** Date of issue, YYYY-MM-DD. */
  issuedOn: string;
  /** The petition's code (the petitioner's query code). */
  petitionCode: string;
  /** The matter in a few words (关于……的问题). */
  matter: string;
}

/** Where a matter for the statutory routes goes instead (诉访分离). */
export interface Redirect {
  route: 'litigation' | 'arbitration' | 'administrative_review' | 'other_body';
  /** The court, arbitration commission, review body or other body to turn to. */
  body: string;
}

/** The data of each petition document. */
export interface PetitionTemplateData {
  /** 受理告知书: received, the route and procedure, and the 60 (+30) day limit. */
  'petition.acceptance_notice': PetitionLetterBase & { petitioner: string; receivedOn: string; acceptedOn: string; route: string; procedure: string };
  /** 不予受理告知书: why not, and where to go instead. */
  'petition.non_acceptance_notice': PetitionLetterBase & { petitioner: string; receivedOn: string; reason: string; redirect: Redirect };
  /** 转送函 / 交办函 to the receiving body: the petitioner's contact masked; 交办 with a report-back date. */
  'petition.transfer_letter': PetitionLetterBase & { recipient: string; petitionerMasked: string; contactMasked: string; receivedOn: string } & ({ mode: 'transfer' } | { mode: 'assign'; reportBackBy: string });
  /** 答复意见书: facts, basis, decision, and the right to 复查 within 30 days of receipt, naming the body. */
  'petition.reply': PetitionLetterBase & { petitioner: string; acceptedOn: string; facts: string; basis: string; decision: string; reviewBody: string };
  /** 复查意见书: the same, and the right to 复核 within 30 days of receipt. */
  'petition.review_opinion': PetitionLetterBase & { petitioner: string; originalBody: string; requestReceivedOn: string; facts: string; basis: string; decision: string; reReviewBody: string };
  /** 复核意见书: final; the same facts and reasons are not accepted again. */
  'petition.re_review_opinion': PetitionLetterBase & { petitioner: string; reviewBody: string; requestReceivedOn: string; facts: string; basis: string; decision: string; hearingHeld: boolean };
}

/** The title each document is filed and downloaded under. */
export const petitionTemplateTitles: Record<PetitionTemplateId, string> = {
  'petition.acceptance_notice': '信访事项受理告知书',
  'petition.non_acceptance_notice': '信访事项不予受理告知书',
  'petition.transfer_letter': '信访事项转送（交办）函',
  'petition.reply': '信访事项答复意见书',
  'petition.review_opinion': '信访事项复查意见书',
  'petition.re_review_opinion': '信访事项复核意见书',
};

/** The finality sentence of a 复核 opinion (said in these words by the rules). */
export const finalityText = '信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。';

const redirectText: Record<Redirect['route'], (body: string) => string> = {
  litigation: (b) => `该事项依法应当通过诉讼途径解决，请依照有关法律规定向${b}提起诉讼。`,
  arbitration: (b) => `该事项依法应当通过仲裁途径解决，请依照有关法律规定向${b}申请仲裁。`,
  administrative_review: (b) => `该事项依法应当通过行政复议途径解决，请依照有关法律规定向${b}申请行政复议。`,
  other_body: (b) => `该事项不属于本机关职权范围，请向${b}提出。`,
};

const findings = (d: { facts: string; basis: string; decision: string }) => ['一、经调查核实的事实', d.facts, '二、处理依据', d.basis, '三、处理意见', d.decision];

type Builders = { [T in PetitionTemplateId]: (d: PetitionTemplateData[T]) => PdfDoc };

/** Each template: its data → the official letter. */
export const petitionTemplates: Builders = {
  'petition.acceptance_notice': (d) =>
    officialLetter({
      title: petitionTemplateTitles['petition.acceptance_notice'], docNo: d.docNo, addressee: d.petitioner, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `你于${chineseDate(d.receivedOn)}提出的关于${d.matter}的信访事项，本机关已收到，并于${chineseDate(d.acceptedOn)}依法受理。`,
        `处理途径：${d.route}`,
        `办理程序：${d.procedure}`,
        '本机关将自受理之日起60日内办结，并出具书面答复意见；情况复杂的，经本机关负责人批准，可以适当延长办理期限，延长期限不超过30日，并将延期理由告知你。',
        `你可以凭查询码 ${d.petitionCode} 查询办理进展，并对办理情况作出评价。`,
      ],
      closing: '特此告知。',
    }),
  'petition.non_acceptance_notice': (d) =>
    officialLetter({
      title: petitionTemplateTitles['petition.non_acceptance_notice'], docNo: d.docNo, addressee: d.petitioner, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `你于${chineseDate(d.receivedOn)}提出的关于${d.matter}的信访事项，经审查，本机关决定不予受理。`,
        `理由：${d.reason}`,
        redirectText[d.redirect.route](d.redirect.body),
        '依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，请依照法律、行政法规规定的程序向有关机关提出（诉访分离）。',
      ],
      closing: '特此告知。',
    }),
  'petition.transfer_letter': (d) =>
    officialLetter({
      title: d.mode === 'assign' ? '信访事项交办函' : '信访事项转送函', docNo: d.docNo, addressee: d.recipient, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `${d.petitionerMasked}（联系电话：${d.contactMasked}）反映的关于${d.matter}的信访事项（查询码 ${d.petitionCode}），本机关于${chineseDate(d.receivedOn)}登记。经研究，现${d.mode === 'assign' ? '交由你单位办理' : '转送你单位依法处理'}。`,
        ...(d.mode === 'assign' ? [`请于${chineseDate(d.reportBackBy)}前将办理结果报送本机关。`] : []),
        '属于你单位职权范围的，请自收到本函之日起15日内书面告知信访人受理情况及办理途径和程序；不属于你单位职权范围的，请自收到本函之日起5个工作日内向本机关提出异议，详细说明理由，并将本函退回。',
      ],
      closing: '此函。',
    }),
  'petition.reply': (d) =>
    officialLetter({
      title: petitionTemplateTitles['petition.reply'], docNo: d.docNo, addressee: d.petitioner, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `你反映的关于${d.matter}的信访事项（查询码 ${d.petitionCode}），本机关已于${chineseDate(d.acceptedOn)}受理，现已办理完毕，答复如下：`,
        ...findings(d),
        `如对本答复意见不服，可以自收到本答复意见书之日起30日内，向${d.reviewBody}请求复查。`,
      ],
    }),
  'petition.review_opinion': (d) =>
    officialLetter({
      title: petitionTemplateTitles['petition.review_opinion'], docNo: d.docNo, addressee: d.petitioner, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `你不服${d.originalBody}就关于${d.matter}的信访事项（查询码 ${d.petitionCode}）作出的答复意见，于${chineseDate(d.requestReceivedOn)}提出复查请求。本机关已复查完毕，复查意见如下：`,
        ...findings(d),
        `如对本复查意见不服，可以自收到本复查意见书之日起30日内，向${d.reReviewBody}请求复核。`,
      ],
    }),
  'petition.re_review_opinion': (d) =>
    officialLetter({
      title: petitionTemplateTitles['petition.re_review_opinion'], docNo: d.docNo, addressee: d.petitioner, issuer: d.issuer, issuedOn: d.issuedOn, subject: d.petitionCode,
      paragraphs: [
        `你不服${d.reviewBody}就关于${d.matter}的信访事项（查询码 ${d.petitionCode}）作出的复查意见，于${chineseDate(d.requestReceivedOn)}提出复核请求。本机关已复核完毕${d.hearingHeld ? '（期间举行了听证，听证时间不计入复核期限）' : ''}，复核意见如下：`,
        ...findings(d),
        `本复核意见为最终意见。${finalityText}`,
      ],
    }),
};
