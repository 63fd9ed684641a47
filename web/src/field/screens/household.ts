/**
 * Registering a household (`household-save`): address, the head's name, ID number (checked with the national
 * check character before it is kept) and mobile; or changing one from the device copy, carrying the version read
 * (a change made meanwhile comes back as a conflict the sync screen resolves). Also the picker of a household or a
 * person by name or address that the visit, assessment and person screens share.
 */
import { normaliseMobile } from '../../../../core/contact';
import { parseIdNumber } from '../../../../core/people/id-number';
import type { CopyHousehold, CopyPerson, FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { autosave, draftsOf, fieldRow, saving } from '../form';
import { chinaDay, t, tr } from '../words';

/** Whom a visit or an assessment is about. */
export interface Subject { type: 'household' | 'person'; id: string; label: string }

/** A household as one line a worker recognises. */
export const householdLabel = (x: Pick<CopyHousehold, 'address' | 'headName'>): string => (x.headName ? `${x.headName} · ${x.address}` : x.address);

/** Households and persons whose address or name holds every word typed (pure). */
export function matchSubjects(query: string, households: CopyHousehold[], persons: CopyPerson[], types: Subject['type'][], max = 30): Subject[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (text: string) => words.every((w) => text.toLowerCase().includes(w));
  const addressOf = new Map(households.map((x) => [x.id, x.address]));
  const out: Subject[] = [];
  if (types.includes('household')) for (const x of households) if (hit(`${x.address} ${x.headName}`)) out.push({ type: 'household', id: x.id, label: householdLabel(x) });
  if (types.includes('person')) for (const p of persons) {
    const address = p.householdId ? addressOf.get(p.householdId) ?? '' : '';
    if (hit(`${p.name} ${address}`)) out.push({ type: 'person', id: p.id, label: address ? `${p.name} · ${address}` : p.name });
  }
  return out.slice(0, max);
}

/** Picks a household or a person from the device copy by name or address. */
export async function subjectPicker(app: FieldApp, opts: { types: Subject['type'][]; initial?: Subject | null; label?: string; onPick: (s: Subject | null) => void }) {
  const [households, persons] = await Promise.all([app.copy.households(), opts.types.includes('person') ? app.copy.persons() : Promise.resolve([])]);
  let chosen: Subject | null = opts.initial ?? null;
  let type: Subject['type'] = opts.initial?.type ?? opts.types[0]!;
  const el = h('div', { className: 'field', 'data-testid': 'subject-picker' });
  const search = h('input', { type: 'search', placeholder: t.searchSubject, 'data-testid': 'subject-search', autocomplete: 'off' });
  const list = h('ul', { className: 'list' });
  const drawList = () => {
    const found = matchSubjects(search.value, households, persons, [type]);
    if (!found.length) return mount(list, h('li', { className: 'muted' }, t.noMatch));
    mount(list, ...found.map((s) => h('li', {}, h('div', { className: 'grow title' }, s.label),
      h('button', { type: 'button', className: 'btn', 'data-testid': `pick-${s.id}`, onclick: () => set(s) }, t.pick))));
  };
  const draw = () => {
    if (chosen) {
      const c = chosen;
      return mount(el, h('div', { className: 'label' }, opts.label ?? t.subject),
        h('ul', { className: 'list' }, h('li', { className: 'picked', 'data-testid': 'subject-chosen' }, h('div', { className: 'grow' }, h('div', { className: 'title' }, c.label), h('div', { className: 'muted' }, c.type === 'household' ? t.household : t.person)),
          h('button', { type: 'button', className: 'btn', onclick: () => set(null) }, t.change))));
    }
    const tabs = opts.types.length > 1 ? h('div', { className: 'seg', role: 'radiogroup' }, ...opts.types.map((x) => h('label', {},
      h('input', { type: 'radio', name: 'subject-type', checked: x === type, onchange: () => ((type = x), drawList()) }), x === 'household' ? t.household : t.person))) : null;
    mount(el, h('div', { className: 'label' }, opts.label ?? t.subject), tabs, search, list);
    drawList();
  };
  const set = (s: Subject | null) => {
    chosen = s;
    draw();
    opts.onPick(s);
  };
  search.addEventListener('input', drawList);
  draw();
  return { el, value: () => chosen };
}

/** Problems of the household form: address needed; a name when an ID number or phone is given; the ID number's check character; a mobile number. */
export function householdProblems(v: { address: string; headName: string; idNumber: string; phone: string }, today: string): Partial<Record<'address' | 'headName' | 'idNumber' | 'phone', string>> {
  const out: Partial<Record<'address' | 'headName' | 'idNumber' | 'phone', string>> = {};
  if (!v.address.trim()) out.address = t.needAddress;
  if (!v.headName.trim() && (v.idNumber.trim() || v.phone.trim())) out.headName = t.needName;
  if (v.idNumber.trim() && 'problem' in parseIdNumber(v.idNumber, today)) out.idNumber = t.badId;
  if (v.phone.trim() && !normaliseMobile(v.phone)) out.phone = t.badPhone;
  return out;
}

interface HouseholdDraft { gridCode: string; address: string; headName: string; idNumber: string; phone: string }

/** The household screen: `#/household` registers one, `#/household?id=…` changes one of the device copy. */
export async function householdScreen(root: HTMLElement, app: FieldApp, params: URLSearchParams): Promise<() => void> {
  const id = params.get('id');
  const [grids, households] = await Promise.all([app.copy.grids(), app.copy.households()]);
  const existing = id ? households.find((x) => x.id === id) ?? null : null;
  const formKey = existing ? `household:${existing.id}` : 'household:new';
  const draft = await draftsOf(app).get<HouseholdDraft>(formKey);
  const input = (type: string, value: string, testId: string, extra: Record<string, unknown> = {}) => h('input', { type, value, 'data-testid': testId, ...extra });
  const grid = h('select', { 'data-testid': 'household-grid' }, ...grids.map((g) => h('option', { value: g.code, selected: g.code === (draft?.gridCode ?? existing?.gridCode) }, g.name)));
  const address = input('text', draft?.address ?? existing?.address ?? '', 'household-address', { maxLength: 200 });
  const headName = input('text', draft?.headName ?? '', 'household-head', { maxLength: 50, autocomplete: 'off' });
  const idNumber = input('text', draft?.idNumber ?? '', 'household-id-number', { maxLength: 18, autocomplete: 'off', inputMode: 'text' });
  const phone = input('tel', draft?.phone ?? '', 'household-phone', { maxLength: 20, autocomplete: 'off' });
  const errs = { address: h('p', { className: 'err' }), headName: h('p', { className: 'err' }), idNumber: h('p', { className: 'err' }), phone: h('p', { className: 'err' }) };
  const read = (): HouseholdDraft => ({ gridCode: grid.value, address: address.value, headName: headName.value, idNumber: idNumber.value, phone: phone.value });
  const save = autosave(app, formKey, read);
  for (const el of [grid, address, headName, idNumber, phone]) el.addEventListener('input', save.changed);
  // The ID number is checked as soon as it is complete, so a typo is caught at the door, not at the office.
  idNumber.addEventListener('input', () => (errs.idNumber.textContent = idNumber.value.replace(/\s/g, '').length >= 15 ? householdProblems({ ...read(), address: 'x', headName: 'x' }, chinaDay()).idNumber ?? '' : ''));
  const submit = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'household-save' }, t.saveHousehold);
  const err = h('p', { className: 'err', role: 'alert' });
  submit.addEventListener('click', async () => {
    const v = read();
    const problems = existing ? householdProblems({ ...v, headName: '', idNumber: '', phone: '' }, chinaDay()) : householdProblems(v, chinaDay());
    for (const [k, el] of Object.entries(errs)) el.textContent = problems[k as keyof typeof problems] ?? '';
    err.textContent = !existing && !v.gridCode ? t.chooseGrid : '';
    if (Object.keys(problems).length || err.textContent) return;
    await saving(submit, err, async () => {
      if (existing) {
        await app.records.save('household.update', { householdId: existing.id, version: existing.version, address: v.address.trim() }, { label: tr('householdEditLabel', { address: v.address.trim() }) });
      } else {
        const householdId = await app.records.save('household.create', { gridCode: v.gridCode, address: v.address.trim() }, { label: tr('householdLabel', { address: v.address.trim() }) });
        if (v.headName.trim()) {
          const idn = v.idNumber.trim() ? parseIdNumber(v.idNumber, chinaDay()) : null;
          await app.records.save('person.create', {
            gridCode: v.gridCode, personType: '01', name: v.headName.trim(), householdId, relation: '02',
            ...(idn && 'number' in idn ? { idNumber: idn.number } : {}), ...(v.phone.trim() ? { phone: normaliseMobile(v.phone) } : {}),
          }, { dependsOn: [householdId], label: tr('personLabel', { name: v.headName.trim() }) });
        }
      }
      await save.saved();
      app.go('#/home');
    });
  });
  mount(root,
    h('h2', {}, existing ? t.householdEdit : t.householdTitle),
    h('div', { className: 'card' },
      !existing && grids.length > 1 ? fieldRow(t.grid, grid) : null,
      fieldRow(t.address, address, errs.address),
      existing ? h('p', { className: 'muted' }, t.versionNote) : null,
      existing ? null : fieldRow(t.headName, headName, errs.headName),
      existing ? null : fieldRow(`${t.idNumber}${t.optional}`, idNumber, errs.idNumber),
      existing ? null : fieldRow(`${t.phone}${t.optional}`, phone, errs.phone),
      err, submit),
    h('a', { className: 'btn block', href: '#/home' }, t.back));
  return () => void save.leave();
}
