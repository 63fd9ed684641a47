import { describe, expect, it } from 'vitest';
import { expiryFields, recordFieldProblems } from './record-fields.ts';

const codes = (table: string, code: string) => table === 'move_reason' && ['01', '02'].includes(code);

describe('extension record fields', () => {
  it('accepts a complete migrant record and a county’s own extra field', () => {
    expect(recordFieldProblems('migrant', { reason: '01', origin: '510102', arrivedOn: '2025-03-01', permitNumber: 'QH2025-0001', permitExpiry: '2027-02-28', 本县自定义: '任意' }, codes)).toEqual([]);
  });
  it('names each bad field: unreal dates, unknown reason, bad origin and nationality, expiry before arrival', () => {
    expect(recordFieldProblems('migrant', { reason: '77', origin: '51', arrivedOn: '2025-02-30', permitExpiry: '2026-13-01' }, codes).map((p) => `${p.field}:${p.code}`)).toEqual(['reason:unknown_code', 'origin:bad_region', 'arrivedOn:bad_date', 'permitExpiry:bad_date']);
    expect(recordFieldProblems('migrant', { arrivedOn: '2025-03-01', permitExpiry: '2025-02-01' }, codes)).toEqual([expect.objectContaining({ field: 'permitExpiry', code: 'expires_before_arrival' })]);
    expect(recordFieldProblems('foreign', { nationality: 'mn', visaExpiry: '2026-06-31' }, codes).map((p) => p.code)).toEqual(['bad_country', 'bad_date']);
  });
  it('lists the permit and visa expiry as the fields to remind of', () => {
    expect(expiryFields).toEqual([['migrant', 'permitExpiry'], ['foreign', 'visaExpiry']]);
  });
});
