/** The header and the home page say who is signed in without repeating the place or the role. */
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { whoText } from './who';

const t = ((k: string) => ({ 'role.operator': '受理员', 'role.leader': '领导' })[k] ?? k) as unknown as TFunction;

describe('whoText', () => {
  it('drops a role and a place the name already holds', () => {
    expect(whoText({ displayName: '浩门镇 受理员', role: 'operator', scopeName: '浩门镇' }, t)).toBe('浩门镇 受理员');
  });
  it('adds what the name does not say', () => {
    expect(whoText({ displayName: '李村办', role: 'operator', scopeName: '城关社区' }, t)).toBe('李村办 · 受理员 · 城关社区');
    expect(whoText({ displayName: '门源回族自治县 王明', role: 'leader', scopeName: '门源回族自治县' }, t)).toBe('门源回族自治县 王明 · 领导');
  });
});
