/**
 * A household risk assessment (`assessment-save`): the household, the risk questionnaire drawn from its template,
 * and the score and level (高/中/低 in colour, with the word) live while answering, computed by the same function
 * the server stores the result with.
 */
import type { Answers } from '../../../../core/field/templates';
import type { FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { autosave, draftsOf, type FormTemplate, renderForm, saving } from '../form';
import { t, tr } from '../words';
import { householdLabel, subjectPicker, type Subject } from './household';

interface AssessmentDraft { household: Subject | null; answers: Answers }

/** `#/assessment` (`?household=<id>` to assess that one). */
export async function assessmentScreen(root: HTMLElement, app: FieldApp, params: URLSearchParams): Promise<() => void> {
  const [templates, households] = await Promise.all([app.copy.templates('risk'), app.copy.households()]);
  const tpl = templates[0] as FormTemplate | undefined;
  const given = households.find((x) => x.id === params.get('household'));
  const formKey = `assessment:${given?.id ?? 'new'}`;
  const draft = await draftsOf(app).get<AssessmentDraft>(formKey);
  let household: Subject | null = draft?.household ?? (given ? { type: 'household', id: given.id, label: householdLabel(given) } : null);
  let answers: Answers = draft?.answers ?? {};
  const save = autosave(app, formKey, (): AssessmentDraft => ({ household, answers }));
  const err = h('p', { className: 'err', role: 'alert' });
  if (!tpl) {
    mount(root, h('h2', {}, t.assessTitle), h('p', { className: 'note' }, t.noTemplate), h('a', { className: 'btn block', href: '#/home' }, t.back));
    return () => undefined;
  }
  const picker = await subjectPicker(app, { types: ['household'], label: t.household, initial: household, onPick: (s) => ((household = s), save.changed()) });
  const form = renderForm(tpl, { formKey, initial: answers, onChange: (a) => ((answers = a), save.changed()) });
  const submit = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'assessment-save' }, t.saveAssessment);
  submit.addEventListener('click', async () => {
    const missing = form.check();
    err.textContent = household ? '' : t.needSubject;
    const chosen = household;
    if (!chosen || missing.length) return;
    await saving(submit, err, async () => {
      await app.records.save('assessment', { householdId: chosen.id, templateId: tpl.id, answers: form.answers(), assessedAt: new Date().toISOString() }, { label: tr('assessLabel', { name: chosen.label }) });
      await save.saved();
      app.go('#/home');
    });
  });
  mount(root,
    h('h2', {}, t.assessTitle),
    h('div', { className: 'card' }, picker.el),
    h('div', { className: 'card' }, form.el),
    err, submit,
    h('a', { className: 'btn block', href: '#/home' }, t.back));
  return () => void save.leave();
}
