/** Finding a household or person by name or address on the device, and the household form's checks (ID check character, mobile). */
import { describe, expect, it } from 'vitest';
import { householdProblems, matchSubjects } from './household';

const households = [
  { id: 'h1', gridCode: 'g', address: '城关镇向阳路12号', headName: '马*强', memberCount: 3, version: 1, riskLevel: null },
  { id: 'h2', gridCode: 'g', address: '城关镇新街3号', headName: '王*', memberCount: 1, version: 1, riskLevel: null },
];
const persons = [{ id: 'p1', householdId: 'h1', gridCode: 'g', name: '马*强', care: [], version: 1 }, { id: 'p2', householdId: null, gridCode: 'g', name: '李*', care: [], version: 1 }];

describe('subject search', () => {
  it('finds households by address or head, persons by name or their household address, every word matching', () => {
    expect(matchSubjects('向阳', households, persons, ['household']).map((s) => s.id)).toEqual(['h1']);
    expect(matchSubjects('王', households, persons, ['household']).map((s) => s.label)).toEqual(['王* · 城关镇新街3号']);
    expect(matchSubjects('向阳 马', households, persons, ['person']).map((s) => s.id)).toEqual(['p1']);
    expect(matchSubjects('', households, persons, ['household', 'person']).map((s) => s.id)).toEqual(['h1', 'h2', 'p1', 'p2']);
    expect(matchSubjects('不存在', households, persons, ['household', 'person'])).toEqual([]);
  });
});

describe('household form checks', () => {
  const ok = { address: '城关镇向阳路20号', headName: '张三', idNumber: '', phone: '' };
  it('needs an address, and a name when an ID number or phone is given', () => {
    expect(householdProblems(ok, '2026-12-02')).toEqual({});
    expect(householdProblems({ ...ok, address: ' ' }, '2026-12-02')).toEqual({ address: '请填写地址' });
    expect(householdProblems({ ...ok, headName: '', phone: '13800138000' }, '2026-12-02')).toEqual({ headName: '请填写姓名' });
  });
  it('refuses an ID number whose check character is wrong, and a number that is no mobile', () => {
    expect(householdProblems({ ...ok, idNumber: '110101199003076632' }, '2026-12-02')).toEqual({});
    expect(householdProblems({ ...ok, idNumber: '110101199003076633' }, '2026-12-02').idNumber).toMatch(/身份证号不正确/);
    expect(householdProblems({ ...ok, phone: '138 0013 8000' }, '2026-12-02')).toEqual({});
    expect(householdProblems({ ...ok, phone: '12345' }, '2026-12-02').phone).toBe('请填写正确的手机号');
  });
});
