/**
 * The one form renderer for every template (the visit checklists 三必到/四必清/五必访/四访三问, the patrol's 六必查 and
 * the household risk questionnaire): template items become big touch controls, answers are the values the server
 * checks (core/field/templates.ts: check/yesno → boolean, choice → option code, text → string, number → number), and
 * a risk template shows its score and level live with the same function the server scores with.
 */
import type { CopyTemplate, Drafts, FieldApp } from './contracts';
import { checkAnswers, type Answers, type AnswerValue, type FieldTemplate } from '../../../core/field/templates';
import { score as riskScore, type RiskLevel } from '../../../core/field/risk-score';
import { h } from '../resident/dom';
import { dictFor, language, pick, t, tr, type Language } from './words';

/** A template as the device keeps it (items may say `optional`, as the shipped ones do). */
export type FormTemplate = Omit<CopyTemplate, 'items'> & { items: (CopyTemplate['items'][number] & { optional?: boolean })[] };

/** How an item is drawn: two or three short answers side by side, a column of options, a tick, a text box, a number. */
export type Control = 'seg' | 'opts' | 'check' | 'text' | 'number';

/** One item ready to draw: its question and its answers in the reader's language. */
export interface FormField {
  code: string;
  label: string;
  control: Control;
  choices: { value: AnswerValue; label: string; problem: boolean }[];
  optional: boolean;
}

/** The fields of a template in a language (pure: the node tests read it). */
export function fieldsOf(template: FormTemplate, lang: Language = language): FormField[] {
  const d = dictFor(lang);
  return template.items.map((item) => {
    const base = { code: item.code, label: pick(item.text, lang), optional: !!item.optional || item.type === 'text' };
    switch (item.type) {
      case 'yesno':
        return { ...base, control: 'seg', choices: [{ value: true, label: d.yes, problem: false }, { value: false, label: d.no, problem: false }] };
      case 'choice': {
        const options = item.options ?? [];
        // Short answers (正常 / 有问题) sit side by side; longer lists stack so each stays one tap wide.
        const control: Control = options.length <= 3 && options.every((o) => pick(o.text, lang).length <= 8) ? 'seg' : 'opts';
        return { ...base, control, choices: options.map((o) => ({ value: o.code, label: pick(o.text, lang), problem: o.code === 'problem' })) };
      }
      case 'check':
        return { ...base, control: 'check', choices: [] };
      case 'number':
        return { ...base, control: 'number', choices: [] };
      default:
        return { ...base, control: 'text', choices: [] };
    }
  });
}

/** Item codes still to answer before the form may be saved (the server refuses a set missing them). */
export function missingItems(template: FormTemplate, answers: Answers): string[] {
  return checkAnswers(template as unknown as FieldTemplate, answers).filter((i) => i.code === 'required').map((i) => i.path);
}

/** The live score and level of a risk questionnaire (null for other templates). */
export function liveScore(template: FormTemplate, answers: Answers): { score: number; level: RiskLevel } | null {
  if (template.kind !== 'risk') return null;
  return riskScore(template as unknown as FieldTemplate, answers);
}

/** Answers without empty text (an empty box is no answer). */
export function cleanAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => !(typeof v === 'string' && v.trim() === '') && !(typeof v === 'number' && !Number.isFinite(v))));
}

/** A drawn form: its element, its answers, and a way to mark unanswered items. */
export interface FormView {
  el: HTMLElement;
  answers(): Answers;
  /** Marks the unanswered required items and returns their codes (empty when the form may be saved). */
  check(): string[];
}

/**
 * Draws a template's items. `onChange` runs after every answer with all answers and the item that changed (the
 * screens autosave a draft from it); a risk template gets a sticky bar with the live score and level.
 */
export function renderForm(template: FormTemplate, opts: { formKey: string; initial?: Answers; onChange?: (answers: Answers, code: string) => void }): FormView {
  const answers: Answers = { ...(opts.initial ?? {}) };
  const rows = new Map<string, HTMLElement>();
  const scoreBox = h('div', { className: 'scorebar', 'data-testid': 'risk-score', hidden: template.kind !== 'risk' });
  const progress = h('span', { className: 'muted' });
  const total = template.items.length;
  const redraw = () => {
    progress.textContent = tr('answered', { n: Object.keys(cleanAnswers(answers)).length, total });
    const s = liveScore(template, answers);
    if (s) scoreBox.replaceChildren(h('span', {}, tr('score', { n: s.score })), h('span', { className: `level level-${s.level}`, 'data-testid': 'risk-level', 'data-level': s.level }, t[`level_${s.level}`]));
  };
  const changed = (code: string, value: AnswerValue | undefined) => {
    if (value === undefined) delete answers[code];
    else answers[code] = value;
    rows.get(code)?.classList.remove('invalid');
    redraw();
    opts.onChange?.(cleanAnswers(answers), code);
  };
  const items = fieldsOf(template).map((f) => {
    const name = `${opts.formKey}-${f.code}`;
    const question = h('p', { className: 'item-text', id: `${name}-q` }, f.label, f.optional ? h('span', { className: 'muted' }, t.optional) : null);
    let control: HTMLElement;
    if (f.control === 'seg' || f.control === 'opts') {
      control = h('div', { className: f.control, role: 'radiogroup', 'aria-labelledby': `${name}-q` },
        ...f.choices.map((c) => h('label', { className: c.problem ? 'problem' : '' },
          h('input', { type: 'radio', name, value: String(c.value), checked: answers[f.code] === c.value, 'data-testid': `item-${f.code}-${String(c.value)}`, onchange: () => changed(f.code, c.value) }),
          c.label)));
    } else if (f.control === 'check') {
      control = h('label', { className: 'check' }, h('input', { type: 'checkbox', checked: answers[f.code] === true, 'data-testid': `item-${f.code}`, onchange: (e: Event) => changed(f.code, (e.target as HTMLInputElement).checked) }), f.label);
      question.hidden = true;
    } else if (f.control === 'number') {
      control = h('input', { type: 'number', inputMode: 'decimal', value: answers[f.code] === undefined ? '' : String(answers[f.code]), 'aria-labelledby': `${name}-q`, 'data-testid': `item-${f.code}`,
        oninput: (e: Event) => { const v = (e.target as HTMLInputElement).value; changed(f.code, v === '' ? undefined : Number(v)); } });
    } else {
      control = h('textarea', { rows: 2, maxLength: 2000, value: typeof answers[f.code] === 'string' ? answers[f.code] : '', 'aria-labelledby': `${name}-q`, 'data-testid': `item-${f.code}`,
        oninput: (e: Event) => changed(f.code, (e.target as HTMLTextAreaElement).value) });
    }
    const row = h('div', { className: 'item', 'data-item': f.code }, question, control);
    rows.set(f.code, row);
    return row;
  });
  redraw();
  const el = h('div', { className: 'form' }, h('div', { className: 'row', style: 'justify-content:space-between' }, h('strong', {}, pick(template.name)), progress), ...items, scoreBox);
  return {
    el,
    answers: () => cleanAnswers(answers),
    check() {
      const missing = missingItems(template, cleanAnswers(answers));
      for (const code of missing) rows.get(code)?.classList.add('invalid');
      rows.get(missing[0] ?? '')?.scrollIntoView({ block: 'center' });
      return missing;
    },
  };
}

/** The app's drafts (the store's `drafts`: unsaved form contents, kept across reloads and updates). */
export const draftsOf = (app: FieldApp): Drafts => app.drafts;

/**
 * Autosaves a form: `changed()` after each input writes the draft (at most every 300 ms) and marks the form dirty
 * (the update banner waits); `saved()` drops the draft once the record is in the outbox; `leave()` writes it now and lets an update reload.
 */
export function autosave(app: FieldApp, formKey: string, read: () => unknown) {
  const drafts = draftsOf(app);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const write = async () => {
    timer = undefined;
    if (!pending) return;
    pending = false;
    await drafts.set(formKey, read());
  };
  return {
    changed() {
      pending = true;
      app.setDirty(formKey, true);
      timer ??= setTimeout(() => void write(), 300);
    },
    /** Leaving the screen: the draft is written, so an update may reload now without losing what was typed. */
    async leave() {
      if (timer) clearTimeout(timer);
      await write();
      app.setDirty(formKey, false);
    },
    async saved() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = false;
      await drafts.delete(formKey);
      app.setDirty(formKey, false);
    },
  };
}

/** A labelled control (label above, full width). */
export function fieldRow(label: string, control: HTMLElement, extra?: HTMLElement | null): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { className: 'field' }, h('label', { htmlFor: id }, label), control, extra ?? null);
}

/** Runs a save from its button: the button is disabled meanwhile; on failure the reason shows in `err` and the button comes back. */
export async function saving(button: HTMLButtonElement, err: HTMLElement, work: () => Promise<void>): Promise<void> {
  button.disabled = true;
  try {
    await work();
  } catch (e) {
    err.textContent = tr('saveFailed', { message: (e as Error).message });
    button.disabled = false;
  }
}
