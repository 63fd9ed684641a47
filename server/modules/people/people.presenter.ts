/**
 * What the registry shows by default: masks computed when the record was written, age (recomputed on every read)
 * instead of the birth date; for a minor no phone (contact goes through the guardian); and for a child under 14
 * (PIPL art. 28: all of a child's data is sensitive) nothing beyond the masked name, sex and age.
 */
import { ageOn } from '../../../core/people/id-number.ts';
import type { HouseholdView, PersonView } from '../../../core/schemas/people.response.ts';
import type { HouseholdRow, PersonRow } from './people.repository.ts';

/** A person as lists and cards show them to anyone with `person:read`. */
export function presentPerson(p: PersonRow, today: string): PersonView {
  const age = p.birthDate ? ageOn(p.birthDate, today) : null;
  const child = age !== null && age < 14;
  // A minor's contact goes through the guardian: a phone on a minor's record is not listed.
  const minor = age !== null && age < 18;
  return {
    id: p.id,
    gridCode: p.gridCode,
    personType: p.personType,
    name: p.nameMask,
    sex: p.sex,
    age,
    // Under 14 and under 18 change what may be shown and who may be told.
    ageBand: age === null ? null : age < 14 ? 'under14' : age < 18 ? 'under18' : 'adult',
    idNumber: child ? null : p.idNumberMask,
    phone: minor ? null : p.phoneMask,
    ethnicity: child ? null : p.ethnicity,
    address: child ? null : p.address,
    householdId: p.householdId,
    relation: p.relation,
    status: p.status,
    updatedAt: p.updatedAt.toISOString(),
    // Sent back with a change, so a change made meanwhile by someone else is not overwritten.
    version: p.version,
  };
}

/** A household's own fields. */
export function presentHousehold(h: HouseholdRow): Omit<HouseholdView, 'members'> {
  return { id: h.id, gridCode: h.gridCode, villageCode: h.villageCode, number: h.number, address: h.address, headPersonId: h.headPersonId, riskLevel: h.riskLevel, note: h.note, status: h.status, updatedAt: h.updatedAt.toISOString(), version: h.version };
}
