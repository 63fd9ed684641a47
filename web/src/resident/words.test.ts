/** The resident page's words: zh-TW written in Traditional characters, English without Chinese, and the language a phone gets. */
import { describe, expect, it } from 'vitest';
import { bo, boEntries, en, pickLanguage, zhCN, zhTW } from './words';

/** Every string of a dictionary, nested ones (statuses, steps) included. */
const strings = (d: object): string[] => Object.values(d).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as object)));

// Simplified forms whose Traditional form differs, among those the page uses (a zh-TW string holding one is a slip).
const simplifiedOnly = '进询请择题发续张图语录选点开号评价谢办过应预计网络稳复记链凭启页处馈转单并协级结决当连问满还这们么会让从时间实无数类别议见关电话机码标传获确认后与为';

describe('resident page words', () => {
  it('has the same keys in all three languages', () => {
    const keys = (d: object): string[] => Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [k] : keys(v as object).map((x) => `${k}.${x}`))).sort();
    expect(keys(zhTW)).toEqual(keys(zhCN));
    expect(keys(en)).toEqual(keys(zhCN));
  });

  it('writes zh-TW in Traditional characters only', () => {
    const slips = strings(zhTW).filter((s) => [...s].some((ch) => simplifiedOnly.includes(ch)));
    expect(slips).toEqual([]);
  });

  it('writes English without Chinese characters or full-width punctuation', () => {
    expect(strings(en).filter((s) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(s))).toEqual([]);
  });

  it('gives a zh-TW phone Traditional, an English phone English, and keeps a chosen language', () => {
    expect(pickLanguage(undefined, ['zh-TW', 'zh-CN'])).toBe('zh-TW');
    expect(pickLanguage(undefined, ['zh-HK'])).toBe('zh-TW');
    expect(pickLanguage(undefined, ['zh-Hant-TW'])).toBe('zh-TW');
    expect(pickLanguage(undefined, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(undefined, ['zh'])).toBe('zh-CN');
    expect(pickLanguage(undefined, [])).toBe('zh-CN');
    expect(pickLanguage('en', ['zh-TW'])).toBe('en');
    expect(pickLanguage('xx', ['zh-TW'])).toBe('zh-TW');
  });

  it('has a Tibetan entry for every string, each in Tibetan script and marked for a native speaker\'s review', () => {
    const flat = (d: object): string[] => Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [k] : flat(v as object).map((x) => `${k}.${x}`))).sort();
    expect(Object.keys(boEntries).sort()).toEqual(flat(zhCN));
    for (const [k, e] of Object.entries(boEntries)) {
      expect(e.review, k).toBe('pending: native speaker');
      expect(e.text, k).toMatch(/[\u0F00-\u0FFF]/);
    }
    expect(bo.title).toBe(boEntries.title!.text);
    expect(bo.st.closed).toBe(boEntries['st.closed']!.text);
  });

  it('gives a Tibetan phone Tibetan and keeps it when chosen', () => {
    expect(pickLanguage(undefined, ['bo-CN', 'zh-CN'])).toBe('bo');
    expect(pickLanguage('bo', ['zh-TW'])).toBe('bo');
  });
});
