/** The action form's values become the body the server's schema takes: dates as instants, consents from their rows, terms' days as dates. */
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { bodyProblems, fieldsOf, kindOf, toBody } from './action-body';

const party = '7f1c1c8e-0000-4000-8000-000000000001';
const other = '7f1c1c8e-0000-4000-8000-000000000002';

describe('dispute action bodies', () => {
  it('send only the consents given, each with how and when; an extension without one is refused by the schema', () => {
    const at = dayjs('2026-12-01 10:00', 'YYYY-MM-DD HH:mm'); // a picker's value: China's wall clock, whatever the browser's zone
    const body = toBody('extend', { days: 15, reason: '双方同意再协商一次', consents: [{ partyId: party, given: true, how: 'signed', at }, { partyId: other, given: false, how: 'signed', at }] });
    expect(body).toEqual({ days: 15, reason: '双方同意再协商一次', consents: [{ partyId: party, how: 'signed', at: '2026-12-01T02:00:00.000Z' }] });
    expect(bodyProblems('extend', body)).toEqual([]);
    expect(bodyProblems('extend', toBody('extend', { days: 15, reason: '再协商', consents: [{ partyId: party, given: false, how: 'signed', at }] })).map((p) => p.name)).toEqual(['consents']);
  });
  it('leave out empty fields and turn dates into instants', () => {
    const toldAt = dayjs('2026-12-01 15:30', 'YYYY-MM-DD HH:mm'); // 15:30 as typed: China time
    expect(toBody('recordFailure', { reason: '双方差距过大', routesTold: '可向人民法院起诉', toldAt, note: '' })).toEqual({ reason: '双方差距过大', routesTold: '可向人民法院起诉', toldAt: '2026-12-01T07:30:00.000Z' });
    expect(bodyProblems('recordFailure', { reason: '双方差距过大' }).map((p) => p.name).sort()).toEqual(['routesTold', 'toldAt']);
  });
  it('write each term\'s day of performance as a date', () => {
    const items = [{ content: '拆除越界院墙', manner: '自行拆除', deadline: dayjs('2026-12-20'), place: '' /* a DatePicker's day: local midnight */ }];
    const body = toBody('recordAgreement', { form: 'written', terms: '见条款', items });
    expect(toBody('recordAgreement', { form: 'oral', terms: '当场疏通排水沟', items: [{}] })).toEqual({ form: 'oral', terms: '当场疏通排水沟' });
    // `items` is in the body only once the server's schema has it (an agreement's terms, issue 15 item 5).
    if (fieldsOf('recordAgreement').includes('items')) expect(body.items).toEqual([{ content: '拆除越界院墙', manner: '自行拆除', deadline: '2026-12-20' }]);
    else expect(body).toEqual({ form: 'written', terms: '见条款' });
  });
  it('know each field\'s type from the schema, and no fields for an action the web does not know yet', () => {
    expect(kindOf('refer', 'to')).toEqual({ type: 'enum', options: ['court', 'arbitration', 'department'], element: undefined });
    expect(kindOf('recordSession', 'partyIds').type).toBe('array');
    expect(kindOf('recordFailure', 'toldAt').type).toBe('date');
    expect(fieldsOf('noSuchAction')).toEqual([]);
  });
});
