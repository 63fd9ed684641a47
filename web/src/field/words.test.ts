/** The field app's words: the same keys and placeholders in every language, Tibetan marked for review, zh-TW in Traditional characters. */
import { describe, expect, it } from 'vitest';
import { bo, boEntries, en, fill, pick, pickLanguage, zhCN, zhTW, chinaDay, chinaTime } from './words';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
// Simplified forms whose Traditional form differs, among those the app uses (a zh-TW string holding one is a slip).
const simplifiedOnly = '进询请择题发续张图语录选点开号评价谢办过应预计网络稳复记链凭启页处馈转单并协级结决当连问满还这们么会让从时间实无数类别议见关电话机码标传获确认后与为线访记载态户险轨迹览据储删执级';

describe('field app words', () => {
  it('has the same keys in zh-CN, zh-TW, en and Tibetan', () => {
    const keys = Object.keys(zhCN).sort();
    expect(Object.keys(zhTW).sort()).toEqual(keys);
    expect(Object.keys(en).sort()).toEqual(keys);
    expect(Object.keys(boEntries).sort()).toEqual(keys);
  });

  it('keeps every placeholder of a string in every language', () => {
    for (const [k, v] of Object.entries(zhCN)) {
      for (const [name, d] of [['zh-TW', zhTW], ['en', en], ['bo', bo]] as const) expect(placeholders(d[k as keyof typeof d]), `${name} ${k}`).toEqual(placeholders(v));
    }
  });

  it('marks every Tibetan entry as awaiting a native speaker and writes it in Tibetan script', () => {
    for (const [k, e] of Object.entries(boEntries)) {
      expect(e.review, k).toBe('pending: native speaker');
      expect(e.text, k).toMatch(/[\u0F00-\u0FFF]/);
      expect(e.text, k).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('writes zh-TW in Traditional characters only and English without Chinese', () => {
    expect(Object.values(zhTW).filter((s) => [...s].some((ch) => simplifiedOnly.includes(ch)))).toEqual([]);
    expect(Object.values(en).filter((s) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(s))).toEqual([]);
  });

  it('falls back to zh-CN for a Tibetan entry not written yet', () => {
    const { appName: _dropped, ...rest } = boEntries;
    const partial = { ...zhCN, ...Object.fromEntries(Object.entries(rest).map(([k, e]) => [k, e.text])) };
    expect(partial.appName).toBe(zhCN.appName);
    expect(bo.appName).not.toBe(zhCN.appName);
  });

  it('picks the cookie first, then the phone: Tibetan for a bo phone, Traditional for zh-TW/HK', () => {
    expect(pickLanguage('bo', ['zh-CN'])).toBe('bo');
    expect(pickLanguage(undefined, ['bo-CN'])).toBe('bo');
    expect(pickLanguage(undefined, ['zh-HK'])).toBe('zh-TW');
    expect(pickLanguage(undefined, ['fr', 'en-US'])).toBe('en');
    expect(pickLanguage('xx', [])).toBe('zh-CN');
  });

  it('fills placeholders, picks a template text in the language and shows China time', () => {
    expect(fill(zhCN.overdueDays, { n: 3 })).toBe('逾期 3 天');
    expect(pick({ 'zh-CN': '六必查', en: 'Six checks' }, 'en')).toBe('Six checks');
    expect(pick({ 'zh-CN': '六必查', en: 'Six checks' }, 'bo')).toBe('六必查');
    expect(chinaTime('2026-12-01T17:30:00Z', 'zh-CN')).toBe('2026/12/02 01:30');
    expect(chinaDay(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    expect(chinaDay(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });
});
