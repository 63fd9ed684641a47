import { describe, expect, it } from 'vitest';
import { inLanguage, issueText, localiseIssue } from './error-language.ts';

describe('one language per error message', () => {
  it('keeps the half of a bilingual message that is the user\'s', () => {
    expect(inLanguage('手机号码格式不正确 (not a mainland mobile number)', 'zh-CN')).toBe('手机号码格式不正确');
    expect(inLanguage('手机号码格式不正确 (not a mainland mobile number)', 'en')).toBe('not a mainland mobile number');
  });
  it('keeps a message in the user\'s language and refuses one in the other', () => {
    expect(inLanguage('CSV 格式有误（引号不成对或编码错误）', 'zh-CN')).toBe('CSV 格式有误（引号不成对或编码错误）');
    expect(inLanguage('CSV 格式有误（引号不成对或编码错误）', 'en')).toBeUndefined();
    expect(inLanguage('Too small: expected string to have >=1 characters', 'zh-TW')).toBeUndefined();
    expect(inLanguage('Too small: expected string to have >=1 characters', 'en')).toBe('Too small: expected string to have >=1 characters');
  });
  it('builds the message from the problem\'s code and figures otherwise', () => {
    expect(issueText({ code: 'too_small', origin: 'string', minimum: 1 }, 'zh-CN')).toBe('必填');
    expect(issueText({ code: 'too_small', origin: 'string', minimum: 8 }, 'zh-TW')).toBe('至少 8 個字元');
    expect(issueText({ code: 'too_big', origin: 'number', maximum: 5 }, 'en')).toBe('Must be at most 5');
    expect(issueText({ code: 'something_new' }, 'zh-CN')).toBe('此项有误');
    expect(localiseIssue('too_common', { code: 'too_common' }, 'en')).toBe('A common password, easy to guess');
    // A value is no language: a username stays as it is.
    expect(localiseIssue('weakling', { code: 'taken' }, 'zh-CN')).toBe('weakling');
    expect(localiseIssue('Invalid option: expected one of "a"|"b"', { code: 'invalid_value' }, 'zh-CN')).toBe('不是可选的值');
  });
});
