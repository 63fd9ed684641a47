/** Shapes cases for staff and for the public: staff see masked reporter data; the public never sees people. */
import { maskName, maskPhone } from '../../../core/contact.ts';
import type { CryptoProvider } from '../../lib/crypto.ts';
import type { CaseRow, EventRow } from './cases.repository.ts';

/** One row of a case list. */
export function presentListItem(c: CaseRow, names: { category?: string; village?: string }) {
  return {
    code: c.code,
    status: c.status,
    outcome: c.outcome,
    categoryId: c.categoryId,
    categoryName: names.category ?? c.categoryId,
    tier: c.tier,
    urgency: c.urgency,
    channel: c.channel,
    description: c.description.slice(0, 120),
    villageCode: c.villageCode,
    villageName: names.village ?? '',
    unitLevel: c.unitLevel,
    unitCode: c.unitCode,
    isOverdue: c.isOverdue,
    paused: c.pausedAt !== null,
    meTooCount: c.meTooCount,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The reporter as staff see it by default: masked. */
export function maskedReporter(c: CaseRow, crypto: CryptoProvider) {
  const name = c.reporterNameEnc ? crypto.decrypt(c.reporterNameEnc) : null;
  const phone = c.reporterPhoneEnc ? crypto.decrypt(c.reporterPhoneEnc) : null;
  return { name: name ? maskName(name) : null, phone: phone ? maskPhone(phone) : null };
}

/** A timeline step for staff. */
export function presentEvent(e: EventRow) {
  return { id: e.id, type: e.type, actorName: e.actorName, actorRole: e.actorRole, fromStatus: e.fromStatus, toStatus: e.toStatus, fromUnit: e.fromUnit, toUnit: e.toUnit, reason: e.reason, data: e.data, at: e.at.toISOString() };
}

/** A timeline step for the public page: what happened and when, never who. */
export function presentPublicEvent(e: EventRow) {
  return { type: e.type, status: e.toStatus, at: e.at.toISOString() };
}
