/**
 * A person (`person-save`): a new member of a household (its relation to the head) or a person on their own, with
 * the ID number checked before it is kept; or a change of one from the device copy carrying the version read.
 * A member of a household registered on this phone and not yet synced waits for that household's record.
 */
import { normaliseMobile } from '../../../../core/contact';
import { parseIdNumber } from '../../../../core/people/id-number';
import type { FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { autosave, draftsOf, fieldRow, saving } from '../form';
import { chinaDay, t, tr, type WordKey } from '../words';
import { subjectPicker, type Subject } from './household';

const relations = ['02', '10', '20', '30', '40', '50', '60', '70', '80', '99'] as const;
const personTypes = ['01', '02', '03', '99'] as const;

interface PersonDraft { household: Subject | null; name: string; relation: string; personType: string; idNumber: string; phone: string }

/** `#/person` registers one (`?household=<id>` in that household), `#/person?id=…` changes one of the device copy. */
export async function personScreen(root: HTMLElement, app: FieldApp, params: URLSearchParams): Promise<() => void> {
  const id = params.get('id');
  const [persons, households, grids] = await Promise.all([app.copy.persons(), app.copy.households(), app.copy.grids()]);
  const existing = id ? persons.find((p) => p.id === id) ?? null : null;
  const formKey = existing ? `person:${existing.id}` : `person:new:${params.get('household') ?? ''}`;
  const draft = await draftsOf(app).get<PersonDraft>(formKey);
  const fromParam = params.get('household');
  const known = fromParam ? households.find((x) => x.id === fromParam) : undefined;
  // A household id not in the device copy is one registered here and not synced yet: the member waits for it.
  let household: Subject | null = draft?.household ?? (fromParam ? { type: 'household', id: fromParam, label: known?.address ?? t.householdTitle } : null);
  const pending = fromParam && !known ? fromParam : null;
  const name = h('input', { type: 'text', maxLength: 50, value: draft?.name ?? '', placeholder: existing?.name ?? '', 'data-testid': 'person-name', autocomplete: 'off' });
  const relation = h('select', { 'data-testid': 'person-relation' }, ...relations.map((r) => h('option', { value: r, selected: r === (draft?.relation ?? '20') }, t[`rel_${r}` as WordKey])));
  const personType = h('select', { 'data-testid': 'person-type' }, ...personTypes.map((r) => h('option', { value: r, selected: r === (draft?.personType ?? '01') }, t[`ptype_${r}` as WordKey])));
  const idNumber = h('input', { type: 'text', maxLength: 18, value: draft?.idNumber ?? '', 'data-testid': 'person-id-number', autocomplete: 'off' });
  const phone = h('input', { type: 'tel', maxLength: 20, value: draft?.phone ?? '', 'data-testid': 'person-phone', autocomplete: 'off' });
  const errs = { name: h('p', { className: 'err' }), idNumber: h('p', { className: 'err' }), phone: h('p', { className: 'err' }) };
  const err = h('p', { className: 'err', role: 'alert' });
  const read = (): PersonDraft => ({ household, name: name.value, relation: relation.value, personType: personType.value, idNumber: idNumber.value, phone: phone.value });
  const save = autosave(app, formKey, read);
  for (const el of [name, relation, personType, idNumber, phone]) el.addEventListener('input', save.changed);
  const relationRow = fieldRow(t.relation, relation);
  const picker = existing ? null : await subjectPicker(app, { types: ['household'], label: t.inHousehold, initial: household, onPick: (s) => {
    household = s;
    relationRow.hidden = !s;
    save.changed();
  } });
  relationRow.hidden = !household;
  const submit = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'person-save' }, t.savePerson);
  submit.addEventListener('click', async () => {
    const v = read();
    const idn = v.idNumber.trim() ? parseIdNumber(v.idNumber, chinaDay()) : null;
    errs.name.textContent = !existing && !v.name.trim() ? t.needName : '';
    errs.idNumber.textContent = idn && 'problem' in idn ? t.badId : '';
    errs.phone.textContent = v.phone.trim() && !normaliseMobile(v.phone) ? t.badPhone : '';
    const hh = v.household ? households.find((x) => x.id === v.household!.id) : undefined;
    const gridCode = existing?.gridCode ?? hh?.gridCode ?? params.get('grid') ?? grids[0]?.code ?? '';
    err.textContent = !existing && !gridCode ? t.noGrids : '';
    if (errs.name.textContent || errs.idNumber.textContent || errs.phone.textContent || err.textContent) return;
    await saving(submit, err, async () => {
      const phoneValue = v.phone.trim() ? normaliseMobile(v.phone) : undefined;
      if (existing) {
        const changes = { ...(v.name.trim() ? { name: v.name.trim() } : {}), ...(phoneValue ? { phone: phoneValue } : {}), personType: v.personType };
        await app.records.save('person.update', { personId: existing.id, version: existing.version, ...changes }, { label: tr('personEditLabel', { name: v.name.trim() || existing.name }) });
      } else {
        const body = {
          gridCode, personType: v.personType, name: v.name.trim(),
          ...(idn && 'number' in idn ? { idNumber: idn.number } : {}), ...(phoneValue ? { phone: phoneValue } : {}),
          ...(v.household ? { householdId: v.household.id, relation: v.relation } : {}),
        };
        await app.records.save('person.create', body, { label: tr('personLabel', { name: v.name.trim() }), ...(pending && v.household?.id === pending ? { dependsOn: [pending] } : {}) });
      }
      await save.saved();
      app.go('#/home');
    });
  });
  mount(root,
    h('h2', {}, existing ? t.personEdit : t.personTitle),
    h('div', { className: 'card' },
      picker?.el ?? null,
      relationRow,
      fieldRow(t.name, name, errs.name),
      fieldRow(t.personType, personType),
      existing ? null : fieldRow(`${t.idNumber}${t.optional}`, idNumber, errs.idNumber),
      fieldRow(`${t.phone}${t.optional}`, phone, errs.phone),
      existing ? h('p', { className: 'muted' }, t.versionNote) : null,
      err, submit),
    h('a', { className: 'btn block', href: '#/home' }, t.back));
  return () => void save.leave();
}
