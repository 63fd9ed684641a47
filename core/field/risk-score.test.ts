import { describe, expect, it } from 'vitest';
import { levelOf, score } from './risk-score.ts';
import type { FieldTemplate } from './templates.ts';

const t = (en: string) => ({ 'zh-CN': en, 'zh-TW': en, en });
const template: Pick<FieldTemplate, 'items' | 'thresholds'> = {
  thresholds: { high: 40, medium: 20 },
  items: [
    { code: 'ill', type: 'choice', text: t('ill'), options: [{ code: 'none', text: t('none'), score: 0 }, { code: 'low', text: t('low'), score: 15 }, { code: 'high', text: t('high'), score: 30 }] },
    { code: 'violence', type: 'yesno', weight: 25, text: t('violence') },
    { code: 'dispute', type: 'yesno', weight: 15, text: t('dispute') },
    { code: 'hardship', type: 'check', weight: 10, text: t('hardship') },
    { code: 'gambling', type: 'yesno', weight: 9, text: t('gambling') },
    { code: 'one', type: 'yesno', weight: 1, text: t('one') },
    { code: 'count', type: 'number', text: t('count') },
    { code: 'note', type: 'text', text: t('note') },
  ],
};

describe('risk score', () => {
  it('scores nothing as low', () => {
    expect(score(template, {})).toEqual({ score: 0, level: 'low' });
    expect(score(template, { ill: 'none', violence: false, count: 99, note: 'x' })).toEqual({ score: 0, level: 'low' });
  });
  it('puts 19 in low, 20 in medium, 39 in medium and 40 in high (thresholds inclusive)', () => {
    expect(score(template, { hardship: true, gambling: true })).toEqual({ score: 19, level: 'low' });
    expect(score(template, { hardship: true, gambling: true, one: true })).toEqual({ score: 20, level: 'medium' });
    expect(score(template, { ill: 'high', gambling: true })).toEqual({ score: 39, level: 'medium' });
    expect(score(template, { violence: true, dispute: true })).toEqual({ score: 40, level: 'high' });
  });
  it('counts a choice by its option, a yes or a tick by its weight, an unknown option as nothing', () => {
    expect(score(template, { ill: 'low', hardship: true }).score).toBe(25);
    expect(score(template, { ill: 'nonsense', violence: 'yes' as unknown as boolean }).score).toBe(0);
  });
  it('rates everything low without thresholds (a visit checklist)', () => {
    expect(score({ items: template.items }, { violence: true, dispute: true })).toEqual({ score: 40, level: 'low' });
    expect(levelOf(1000, undefined)).toBe('low');
  });
});
