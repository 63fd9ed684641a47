/** The platform's extra words exist in every language, and none repeats a key words.ts already has. */
import { describe, expect, it } from 'vitest';
import { shellDictionaries } from './shell-words';
import { zhCN } from './words';

describe('shell words', () => {
  it('have the same keys in zh-CN, zh-TW and en, each non-empty, none a duplicate of words.ts', () => {
    const keys = Object.keys(shellDictionaries['zh-CN']).sort();
    for (const [lang, dict] of Object.entries(shellDictionaries)) {
      expect(Object.keys(dict).sort(), lang).toEqual(keys);
      for (const [k, v] of Object.entries(dict)) expect(v.trim(), `${lang}.${k}`).not.toBe('');
    }
    expect(keys.filter((k) => k in zhCN)).toEqual([]);
  });
});
