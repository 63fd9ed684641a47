/**
 * The data of a dispute's 调解协议书, read before the transaction: the parties' details decrypted here, on the
 * server, only to go into the sealed PDF (sex and age from a resident ID number), the facts, the points, each
 * side's responsibility and the terms from the action's body, the dispute's mediators and committee.
 */
import type { z } from 'zod';
import type { MediationParty, MediationTemplateData } from '../../../core/documents/mediation-templates.ts';
import { cstDate } from '../../../core/calendar.ts';
import { ageOn, parseIdNumber } from '../../../core/people/id-number.ts';
import type { disputeActionSchemas } from '../../../core/schemas/disputes.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { CryptoProvider } from '../../lib/crypto.ts';
import * as orgRepo from './organisation.repository.ts';
import { disputeCategoryLabels, type DisputeCategory } from '../../../core/mediation/categories.ts';
import * as repo from './mediation.repository.ts';

const idTypeNames: Record<string, string> = { resident_id: '居民身份证', passport: '护照', hk_macao_pass: '港澳居民来往内地通行证', taiwan_pass: '台湾居民来往大陆通行证', credit_code: '统一社会信用代码', other: '证件' };

/** A party as the agreement names it (decrypted). */
export function partyOf(p: repo.PartyRow, crypto: CryptoProvider, today: string): MediationParty {
  const open = (v: string | null) => (v ? crypto.decrypt(v) : undefined);
  const role = p.side === 'applicant' ? '申请人' : '被申请人';
  const name = crypto.decrypt(p.nameEnc);
  const agentName = open(p.agentNameEnc);
  const agent = agentName ? `${agentName}${p.agentRelation ? `（${p.agentRelation}）` : ''}` : undefined;
  const idNumber = open(p.idNumberEnc);
  const base = { role, name, address: open(p.addressEnc), phone: open(p.phoneEnc), agent };
  if (p.kind === 'organisation') return { ...base, kind: 'organisation', creditCode: idNumber };
  const parsed = idNumber && p.idType === 'resident_id' ? parseIdNumber(idNumber, today) : null;
  const known = parsed && !('problem' in parsed) ? parsed : null;
  return {
    ...base, kind: 'person', idType: p.idType ? idTypeNames[p.idType] : undefined, idNumber,
    ...(known ? { sex: known.sex === 'male' ? '男' as const : '女' as const, age: ageOn(known.birthDate, today) } : {}),
  };
}

/** The agreement's number: the committee, the year, the dispute's own part of its code. */
export const agreementNo = (committee: string, d: repo.DisputeRow, now: Date) => `${committee}调字〔${cstDate(now).slice(0, 4)}〕${d.code.slice(7)}号`;

/** What the 调解协议书 of this dispute says, from the action's body. */
export async function agreementData(ex: Executor, crypto: CryptoProvider, d: repo.DisputeRow, input: z.infer<(typeof disputeActionSchemas)['recordAgreement']>, now: Date): Promise<MediationTemplateData['mediation.agreement']> {
  const today = cstDate(now);
  const [parties, mediators, committee] = await Promise.all([repo.partiesOf(ex, d), repo.mediatorsOfDispute(ex, d), orgRepo.committeeById(ex, d.committeeId, d.countyCode)]);
  const committeeName = committee?.name ?? '人民调解委员会';
  return {
    docNo: agreementNo(committeeName, d, now), committee: committeeName, issuedOn: today, disputeCode: d.code,
    parties: parties.map((p) => partyOf(p, crypto, today)),
    facts: d.facts, points: input.points || d.claims || '见上述事实', responsibility: input.responsibility ?? '',
    terms: input.items.map((t) => ({ content: t.content, manner: t.manner, place: t.place, deadline: t.deadline })),
    mediators: mediators.map((r) => r.m.name),
  };
}

/** Parties' full names joined (the addressee line of a notice; decrypted for the sealed PDF only). */
async function namesOf(ex: Executor, crypto: CryptoProvider, d: repo.DisputeRow, side?: string): Promise<string> {
  return (await repo.partiesOf(ex, d)).filter((p) => !side || p.side === side).map((p) => crypto.decrypt(p.nameEnc)).join('、');
}

/** A rendered-to-be document of an action: the template and its data (null when the action issues none). */
export type ActionDocument =
  | { template: 'mediation.agreement'; data: MediationTemplateData['mediation.agreement'] }
  | { template: 'mediation.rights_notice'; data: MediationTemplateData['mediation.rights_notice'] }
  | { template: 'mediation.termination_notice'; data: MediationTemplateData['mediation.termination_notice'] };

/**
 * The document an action issues: a written agreement's 调解协议书, the 权利义务告知书 the parties receive at
 * acceptance, the 终止告知书 with the legal routes on a failure.
 */
export async function documentOfAction(ex: Executor, crypto: CryptoProvider, d: repo.DisputeRow, action: string, input: Record<string, unknown>, now: Date): Promise<ActionDocument | null> {
  if (action === 'recordAgreement' && input.form === 'written') return { template: 'mediation.agreement', data: await agreementData(ex, crypto, d, input as z.infer<(typeof disputeActionSchemas)['recordAgreement']>, now) };
  if (action !== 'accept' && action !== 'recordFailure') return null;
  const committee = (await orgRepo.committeeById(ex, d.committeeId, d.countyCode))?.name ?? '人民调解委员会';
  const base = { committee, issuedOn: cstDate(now), disputeCode: d.code };
  const year = cstDate(now).slice(0, 4);
  if (action === 'accept') return { template: 'mediation.rights_notice', data: { ...base, docNo: `${committee}调告字〔${year}〕${d.code.slice(7)}号`, party: await namesOf(ex, crypto, d) } };
  const f = input as z.infer<(typeof disputeActionSchemas)['recordFailure']>;
  return {
    template: 'mediation.termination_notice',
    data: {
      ...base, docNo: `${committee}调终字〔${year}〕${d.code.slice(7)}号`, party: await namesOf(ex, crypto, d, 'applicant'), otherParties: await namesOf(ex, crypto, d, 'respondent'),
      matter: (disputeCategoryLabels[d.category as DisputeCategory] ?? '').replace(/纠纷$/, ''), reason: f.reason,
      routes: f.routesTold.split(/[\n；;]+/).map((r) => r.trim()).filter(Boolean),
    },
  };
}
