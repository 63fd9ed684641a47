/** The platform's words exist in every language, none repeats a key of words.ts, and every Tibetan one awaits review. */
import { describe, expect, it } from 'vitest';
import { shellBoEntries, shellDictionaries } from './shell-words';
import { zhCN } from './words';

describe('shell words', () => {
  it('have the same keys in zh-CN, zh-TW, en and bo, each non-empty, none a duplicate of words.ts', () => {
    const keys = Object.keys(shellDictionaries['zh-CN']).sort();
    for (const [lang, dict] of Object.entries(shellDictionaries)) {
      expect(Object.keys(dict).sort(), lang).toEqual(keys);
      for (const [k, v] of Object.entries(dict)) expect(v.trim(), `${lang}.${k}`).not.toBe('');
    }
    expect(keys.filter((k) => k in zhCN)).toEqual([]);
  });

  it('marks every Tibetan entry for a native speaker’s review and keeps the placeholders', () => {
    for (const [k, e] of Object.entries(shellBoEntries)) {
      expect(e.review, k).toMatch(/pending: native speaker/);
      const zh = (shellDictionaries['zh-CN'] as Record<string, string>)[k]!;
      expect((e.text.match(/\{\w+\}/g) ?? []).sort(), k).toEqual((zh.match(/\{\w+\}/g) ?? []).sort());
    }
  });
});
