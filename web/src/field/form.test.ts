/// <reference types="vite/client" />
/** The template-driven form: every shipped template becomes drawable fields in every language, with the checks and the live score the server uses. */
import { describe, expect, it } from 'vitest';
import { cleanAnswers, fieldsOf, liveScore, missingItems, type FormTemplate } from './form';
import { checkAnswers, type Answers, type FieldTemplate } from '../../../core/field/templates';
import { score } from '../../../core/field/risk-score';

// The templates the server ships (read as files: web/ code never imports the server).
const files = import.meta.glob<{ default: Omit<FormTemplate, 'id'> }>('../../../server/modules/field/templates/*.json', { eager: true });
const shipped = Object.entries(files).map(([path, m]) => ({ id: path, ...m.default }) as FormTemplate);

/** A full set of answers a worker could give: the first choice of each item, yes, a short text, a number. */
function answerAll(tpl: FormTemplate, yes: boolean): Answers {
  return Object.fromEntries(fieldsOf(tpl).map((f) => [f.code, f.control === 'text' ? '情况正常' : f.control === 'number' ? 1 : f.control === 'check' ? yes : f.choices[yes ? 0 : f.choices.length - 1]!.value]));
}

describe('form renderer model', () => {
  it('ships the six templates of the plan', () => {
    expect(shipped.map((t) => t.code).sort()).toEqual(['household_risk', 'liubicha', 'sanbidao', 'sibiqing', 'sifangsanwen', 'wubifang']);
  });

  for (const tpl of shipped) {
    describe(tpl.code, () => {
      it('draws every item with a question and answers in zh-CN, zh-TW and en (never a raw code)', () => {
        for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
          const fields = fieldsOf(tpl, lang);
          expect(fields.map((f) => f.code)).toEqual(tpl.items.map((i) => i.code));
          for (const f of fields) {
            expect(f.label, `${lang} ${f.code}`).not.toBe('');
            expect(f.label).not.toBe(f.code);
            if (f.control === 'seg' || f.control === 'opts') {
              expect(f.choices.length).toBeGreaterThanOrEqual(2);
              for (const c of f.choices) expect(c.label, `${lang} ${f.code}`).not.toMatch(/^[a-z_]+$/);
            }
          }
        }
      });

      it('gives answers the server accepts, and asks for the required items first', () => {
        const all = answerAll(tpl, true);
        expect(checkAnswers(tpl as unknown as FieldTemplate, all)).toEqual([]);
        expect(missingItems(tpl, all)).toEqual([]);
        const required = tpl.items.filter((i) => !i.optional && i.type !== 'text').map((i) => i.code);
        expect(missingItems(tpl, {})).toEqual(required);
      });

      it('scores live exactly as the server does (risk templates only)', () => {
        for (const yes of [true, false]) {
          const answers = answerAll(tpl, yes);
          const live = liveScore(tpl, answers);
          if (tpl.kind === 'risk') expect(live).toEqual(score(tpl as unknown as FieldTemplate, answers));
          else expect(live).toBeNull();
        }
      });
    });
  }

  it('shows 正常/有问题 of 六必查 side by side, marks 有问题 as a problem', () => {
    const liubicha = shipped.find((t) => t.code === 'liubicha')!;
    const [first] = fieldsOf(liubicha, 'zh-CN');
    expect(first!.control).toBe('seg');
    expect(first!.choices.map((c) => [c.label, c.problem])).toEqual([['正常', false], ['有问题', true]]);
  });

  it('rates the risk questionnaire high, medium and low at its thresholds', () => {
    const risk = shipped.find((t) => t.kind === 'risk')!;
    expect(liveScore(risk, {})!.level).toBe('low');
    const yesItems = risk.items.filter((i) => i.type === 'yesno').sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
    const answers: Answers = {};
    for (const i of yesItems) {
      answers[i.code] = true;
      if (liveScore(risk, answers)!.score >= risk.thresholds!.medium) break;
    }
    expect(liveScore(risk, answers)!.level).toBe(liveScore(risk, answers)!.score >= risk.thresholds!.high ? 'high' : 'medium');
    for (const i of yesItems) answers[i.code] = true;
    expect(liveScore(risk, answers)!.level).toBe('high');
  });

  it('drops empty text (an empty box is no answer)', () => {
    expect(cleanAnswers({ a: '  ', b: '有', c: false, d: Number.NaN })).toEqual({ b: '有', c: false });
  });
});
