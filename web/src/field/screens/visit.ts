/**
 * A visit (`visit-save`): the household or person (picked by name or address from the device copy, or given by a
 * task), the kind of visit (三必到/四必清/五必访/四访三问), its checklist drawn from the template, a note and
 * photos. A correction of a visit saved on this phone is a new record that supersedes it (never the old one changed).
 */
import type { Answers } from '../../../../core/field/templates';
import type { FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { autosave, draftsOf, fieldRow, type FormTemplate, type FormView, renderForm, saving } from '../form';
import { mediaPicker } from '../media';
import { chinaTime, pick, t, tr } from '../words';
import { subjectPicker, type Subject } from './household';
import { ruleWord } from './tasks';

interface VisitDraft { subject: Subject | null; templateId: string; answers: Answers; note: string }
/** A visit saved on this phone, kept so it can be corrected (the outbox does not hand bodies back). */
interface RecentVisit { id: string; label: string; at: string; subject: Subject; templateId: string; answers: Answers; note: string }

const RECENT = 'visits:recent';

/** The visit screen: `?task=<id>` from a task, `?correct=<recordId>` to correct a visit saved here. */
export async function visitScreen(root: HTMLElement, app: FieldApp, params: URLSearchParams): Promise<() => void> {
  const drafts = draftsOf(app);
  const [templates, tasks, recent] = await Promise.all([app.copy.templates('visit'), app.copy.tasks(), drafts.get<RecentVisit[]>(RECENT)]);
  const task = tasks.find((x) => x.id === params.get('task')) ?? null;
  const correcting = (recent ?? []).find((r) => r.id === params.get('correct')) ?? null;
  const formKey = correcting ? `visit:correct:${correcting.id}` : `visit:${task?.id ?? 'new'}`;
  const draft = (await drafts.get<VisitDraft>(formKey)) ?? (correcting ? { subject: correcting.subject, templateId: correcting.templateId, answers: correcting.answers, note: correcting.note } : undefined);
  let subject: Subject | null = draft?.subject ?? (task ? { type: task.subjectType, id: task.subjectId, label: task.subjectLabel } : null);
  let templateId = draft?.templateId ?? task?.templateId ?? '';
  let answers: Answers = draft?.answers ?? {};
  const note = h('textarea', { maxLength: 2000, value: draft?.note ?? '', 'data-testid': 'visit-note' });
  const save = autosave(app, formKey, (): VisitDraft => ({ subject, templateId, answers, note: note.value }));
  note.addEventListener('input', save.changed);
  const media = mediaPicker({ testId: 'visit', onChange: save.changed });
  const err = h('p', { className: 'err', role: 'alert' });

  const picker = task || correcting ? null : await subjectPicker(app, { types: ['household', 'person'], initial: subject, onPick: (s) => ((subject = s), save.changed()) });
  const formBox = h('div', {});
  let form: FormView | null = null;
  const drawForm = () => {
    const tpl = templates.find((x) => x.id === templateId) as FormTemplate | undefined;
    form = tpl ? renderForm(tpl, { formKey, initial: answers, onChange: (a) => ((answers = a), save.changed()) }) : null;
    mount(formBox, form?.el ?? null);
  };
  const kinds = h('div', { className: 'opts', role: 'radiogroup', 'data-testid': 'visit-template' }, ...templates.map((x) => h('label', {},
    h('input', { type: 'radio', name: 'visit-template', value: x.id, checked: x.id === templateId, 'data-testid': `template-${x.code}`, onchange: () => {
      templateId = x.id;
      answers = {};
      drawForm();
      save.changed();
    } }), pick(x.name))));
  drawForm();

  const submit = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'visit-save' }, t.saveVisit);
  submit.addEventListener('click', async () => {
    const missing = form?.check() ?? [];
    err.textContent = !subject ? t.needSubject : !form ? t.needTemplate : '';
    const who = subject;
    const filled = form;
    if (!who || !filled || missing.length) return;
    await saving(submit, err, async () => {
      const visitedAt = new Date().toISOString();
      const body = { templateId, subjectType: who.type, subjectId: who.id, answers: filled.answers(), visitedAt, ...(note.value.trim() ? { note: note.value.trim() } : {}), ...(task && !correcting ? { taskId: task.id } : {}) };
      const label = tr('visitLabel', { name: who.label });
      const id = await app.records.save('visit', body, { label, attachments: media.files(), ...(correcting ? { supersedes: correcting.id } : {}) });
      // Keep it for a correction later (the newest ten; a correction replaces the visit it corrects).
      const kept: RecentVisit = { id, label, at: visitedAt, subject: who, templateId, answers: body.answers, note: body.note ?? '' };
      await drafts.set(RECENT, [kept, ...(recent ?? []).filter((r) => r.id !== correcting?.id)].slice(0, 10));
      await save.saved();
      app.go('#/home');
    });
  });

  const recentList = !task && !correcting && recent?.length ? h('div', { className: 'card' }, h('h3', {}, t.recentVisits), h('ul', { className: 'list' }, ...recent.map((r) => h('li', {},
    h('div', { className: 'grow' }, h('div', { className: 'title' }, r.label), h('div', { className: 'muted' }, chinaTime(r.at))),
    h('a', { className: 'btn', href: `#/visit?correct=${encodeURIComponent(r.id)}`, 'data-testid': `correct-${r.id}` }, t.correct))))) : null;
  mount(root,
    h('h2', {}, t.visitTitle),
    correcting ? h('p', { className: 'note' }, tr('correcting', { label: correcting.label })) : null,
    task ? h('p', { className: 'note' }, tr('fromTask', { rule: ruleWord(task.rule) })) : null,
    h('div', { className: 'card' },
      picker?.el ?? (subject ? h('div', { className: 'field' }, h('div', { className: 'label' }, t.subject), h('div', { className: 'title', 'data-testid': 'subject-chosen' }, subject.label)) : null),
      templates.length ? h('div', { className: 'field' }, h('div', { className: 'label' }, t.template), kinds) : h('p', { className: 'note' }, t.noTemplate)),
    h('div', { className: 'card' }, formBox, fieldRow(`${t.note}${t.optional}`, note), h('div', { className: 'field' }, h('div', { className: 'label' }, `${t.photos} / ${t.voice}`), media.el)),
    err, submit,
    recentList,
    h('a', { className: 'btn block', href: '#/home' }, t.back));
  return () => void save.leave();
}
