import { describe, expect, it } from 'vitest';
import { isCommonPassword, isIdleExpired, isStrongPassword, passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  it('needs 8 characters from 3 of 4 classes', () => {
    expect(isStrongPassword('Abcdef1!')).toBe(true);
    expect(isStrongPassword('abcdef12')).toBe(false); // two classes
    expect(isStrongPassword('Ab1!')).toBe(false); // too short
    expect(isStrongPassword('网格员Abc123')).toBe(true); // non-ASCII counts as a symbol
    expect(passwordProblems('abc')).toEqual(['too_short', 'too_few_classes']);
  });
  it('refuses common passwords that pass the complexity rule, decorated as people decorate them', () => {
    for (const p of ['Aa123456', 'Qq123456!', 'Woaini1314!', 'Zhangwei1990!', 'P@ssw0rd2026', 'Password123!', 'Admin@123', 'Wangfang1988.', 'Qwer1234!', 'Liuyang2001#']) {
      expect(passwordProblems(p), p).toEqual(['too_common']);
    }
    for (const p of ['123456', '5201314', 'qq123456', 'woaini1314', 'a123456', 'zhangwei1985']) expect(isCommonPassword(p), p).toBe(true);
  });
  it('accepts passwords that only contain a common word among others', () => {
    for (const p of ['Test@2026pass', 'Lina-is-my-cat-19!', 'Qinghai#Menyuan-7k', 'Tz9#kLm4Qw2$Xp7Vn5Rb']) expect(passwordProblems(p), p).toEqual([]);
  });
  it('expires a session idle for more than 30 minutes', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(isIdleExpired(t, new Date('2026-01-01T00:30:00Z'))).toBe(false);
    expect(isIdleExpired(t, new Date('2026-01-01T00:30:01Z'))).toBe(true);
  });
});
