import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FieldTemplateFileSchema } from '../../../core/schemas/field.schema.ts';
import { checkAnswers, splitSensitive } from '../../../core/field/templates.ts';
import { score } from '../../../core/field/risk-score.ts';

const dir = new URL('./templates/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ f, t: FieldTemplateFileSchema.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))) }));

describe('shipped field templates', () => {
  it('ships the six the plan names, each named after its file, items unique', () => {
    expect(files.map(({ t }) => `${t.code}:${t.kind}`).sort()).toEqual(['household_risk:risk', 'liubicha:patrol', 'sanbidao:visit', 'sibiqing:visit', 'sifangsanwen:visit', 'wubifang:visit']);
    for (const { f, t } of files) {
      expect(f).toBe(`${t.code}.json`);
      expect(new Set(t.items.map((i) => i.code)).size).toBe(t.items.length);
      for (const i of t.items) expect(i.type === 'choice').toBe(!!i.options);
    }
  });
  it('has thresholds on the risk questionnaire only, high above medium', () => {
    for (const { t } of files) {
      expect(!!t.thresholds).toBe(t.kind === 'risk');
      if (t.thresholds) expect(t.thresholds.high).toBeGreaterThan(t.thresholds.medium);
    }
  });
  it('flags every item that names community correction, petitions, illness or drugs as sensitive', () => {
    for (const { t } of files)
      for (const i of t.items) {
        const words = JSON.stringify(i.text) + JSON.stringify(i.options ?? []);
        if (/矫正|上访|信访|精神|吸毒|家庭暴力/.test(words)) expect(i.sensitive, `${t.code}.${i.code}`).toBe(true);
      }
  });
});

describe('the shipped risk questionnaire (plan §5.1)', () => {
  const t = files.find(({ t }) => t.code === 'household_risk')!.t;
  it('scores high from 40 and medium from 20', () => {
    const none = Object.fromEntries(t.items.map((i) => [i.code, i.type === 'choice' ? 'none' : false]));
    expect(score(t, none)).toEqual({ score: 0, level: 'low' });
    expect(score(t, { ...none, unresolved_dispute: true })).toEqual({ score: 15, level: 'low' });
    expect(score(t, { ...none, severe_hardship: true, major_change: true })).toEqual({ score: 20, level: 'medium' });
    expect(score(t, { ...none, severe_mental_illness: 'grade_3_plus' })).toEqual({ score: 30, level: 'medium' });
    expect(score(t, { ...none, domestic_violence: true, unresolved_dispute: true })).toEqual({ score: 40, level: 'high' });
    const all = Object.fromEntries(t.items.map((i) => [i.code, i.type === 'choice' ? 'grade_3_plus' : true]));
    expect(score(t, all)).toEqual({ score: 145, level: 'high' });
  });
});

describe('checkAnswers', () => {
  const t = files.find(({ t }) => t.code === 'wubifang')!.t;
  it('accepts fitting answers and names each misfit by item', () => {
    expect(checkAnswers(t, { group: 'hardship', living_ok: true, health_ok: false, needs: '缺冬衣' })).toEqual([]);
    expect(checkAnswers(t, { group: 'prisoner', living_ok: 'yes', health_ok: true, extra: 1 })).toEqual([
      { path: 'group', code: 'unknown_option' },
      { path: 'living_ok', code: 'wrong_type' },
      { path: 'extra', code: 'unknown_item' },
    ]);
    expect(checkAnswers(t, { group: 'hardship' })).toEqual([{ path: 'living_ok', code: 'required' }, { path: 'health_ok', code: 'required' }]);
  });
  it('keeps sensitive choices and free text apart from the answers stored in clear', () => {
    expect(splitSensitive(t, { group: 'community_correction', living_ok: true, needs: '想找工作' })).toEqual({ open: { living_ok: true }, sensitive: { group: 'community_correction', needs: '想找工作' } });
  });
});
