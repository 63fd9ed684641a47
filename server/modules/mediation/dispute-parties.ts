/**
 * Parties as stored: a person's name, ID number, phone, address and agent encrypted, the ID number and phone also
 * as keyed hashes (exact search, repeats) and every value masked for display, as petitioners are. An
 * organisation's name is not personal data: its mask is the name itself; its 统一社会信用代码 is checked.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { maskIdNumber, maskName } from '../../../core/people/masks.ts';
import { maskPhone, normaliseMobile } from '../../../core/contact.ts';
import { idNumberIssue, parseIdNumber } from '../../../core/people/id-number.ts';
import { parseCreditCode } from '../../../core/people/credit-code.ts';
import type { DisputePartyInput } from '../../../core/schemas/disputes.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import type { PartyRow } from './mediation.repository.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** A mobile or a landline (0971-1234567), normalised; refused naming the field otherwise. */
function phoneOf(raw: string | undefined, path: string): string | null {
  if (!raw) return null;
  const plain = raw.replace(/\s/g, '');
  const phone = normaliseMobile(raw) ?? (/^0\d{2,3}-?\d{7,8}$/.test(plain) ? plain : null);
  if (!phone) throw bad(path, 'bad_phone', '电话号码格式不正确');
  return phone;
}

/** The ID number as stored: a resident ID checked and upgraded, a credit code checked, others trimmed. */
function idNumberOf(p: DisputePartyInput, path: string, today: string): { idType: string | null; idNumber: string | null } {
  if (!p.idNumber) return { idType: p.idType ?? null, idNumber: null };
  const idType = p.idType ?? (p.kind === 'organisation' ? 'credit_code' : 'resident_id');
  if (idType === 'resident_id') {
    const parsed = parseIdNumber(p.idNumber, today);
    if ('problem' in parsed) throw new AppError('VALIDATION_FAILED', [idNumberIssue(path, parsed.problem)]);
    return { idType, idNumber: parsed.number };
  }
  if (idType === 'credit_code') {
    const code = parseCreditCode(p.idNumber);
    if (!code) throw bad(path, 'bad_credit_code', '统一社会信用代码不正确');
    return { idType, idNumber: code };
  }
  return { idType, idNumber: p.idNumber.trim().toUpperCase() };
}

/** Keyed hashes (same keys as petitioners', so one person is found across both). */
export const idHash = (ctx: AppContext, n: string) => ctx.crypto.lookupHash(`id:${n}`);
export const phoneHash = (ctx: AppContext, n: string) => ctx.crypto.lookupHash(`phone:${n}`);

/** The rows of a dispute's parties, checked, encrypted, hashed and masked. @throws VALIDATION_FAILED naming the field */
export function partyRows(ctx: AppContext, countyCode: string, disputeId: string, parties: DisputePartyInput[], today: string, now: Date, base = 'body.parties'): PartyRow[] {
  return parties.map((p, i) => {
    const at = `${base}.${i}`;
    const name = p.name.trim();
    const { idType, idNumber } = idNumberOf(p, `${at}.idNumber`, today);
    const phone = phoneOf(p.phone, `${at}.phone`);
    const agentPhone = phoneOf(p.agent?.phone, `${at}.agent.phone`);
    const person = p.kind === 'person';
    return {
      countyCode, id: randomUUID(), disputeId, position: i, kind: p.kind, side: p.side,
      nameEnc: ctx.crypto.encrypt(name), nameMask: person ? maskName(name) : name,
      idType, idNumberEnc: idNumber ? ctx.crypto.encrypt(idNumber) : null, idNumberHash: idNumber ? idHash(ctx, idNumber) : null,
      idNumberMask: idNumber ? (person ? maskIdNumber(idNumber) : idNumber) : null,
      phoneEnc: phone ? ctx.crypto.encrypt(phone) : null, phoneHash: phone ? phoneHash(ctx, phone) : null, phoneMask: phone ? maskPhone(phone) : null,
      addressEnc: p.address?.trim() ? ctx.crypto.encrypt(p.address.trim()) : null,
      agentNameEnc: p.agent ? ctx.crypto.encrypt(p.agent.name.trim()) : null, agentNameMask: p.agent ? maskName(p.agent.name) : null,
      agentPhoneEnc: agentPhone ? ctx.crypto.encrypt(agentPhone) : null, agentPhoneMask: agentPhone ? maskPhone(agentPhone) : null, agentRelation: p.agent?.relation ?? null,
      personId: null, createdAt: now,
    };
  });
}
