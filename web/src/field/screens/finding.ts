/**
 * A problem found on patrol (`finding-add` saves it): category by name, description, photos, a voice note and the
 * phone's location, saved as a `patrol.finding` that the server turns into a case in the same transaction. The case
 * code shows on the patrol screen once the record is synced.
 */
import type { Category, FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { autosave, draftsOf, fieldRow, saving } from '../form';
import { language, t, tr } from '../words';
import { mediaPicker } from '../media';
import { activePatrol, lastTrackPoint, noteFinding } from './patrol';

interface FindingDraft { categoryId: string; description: string }

/** A category's name in the reader's language. */
export const categoryName = (c: Pick<Category, 'name' | 'nameEn' | 'nameZhTw'>): string => (language === 'en' ? c.nameEn || c.name : language === 'zh-TW' ? c.nameZhTw || c.name : c.name);

/** The finding screen (`#/finding?item=liubicha.rentals` when opened from a checklist item). */
export async function findingScreen(root: HTMLElement, app: FieldApp, params: URLSearchParams): Promise<() => void> {
  const patrol = await activePatrol(app);
  if (!patrol) {
    mount(root, h('h2', {}, t.findingTitle), h('p', { className: 'note' }, t.needPatrol), h('a', { className: 'btn primary block', href: '#/patrol' }, t.startPatrol));
    return () => undefined;
  }
  const formKey = `finding:${patrol.patrolId}`;
  const cats = (await app.copy.categories()).filter((c) => c.active !== false);
  const draft = await draftsOf(app).get<FindingDraft>(formKey);
  const item = params.get('item') ?? undefined;
  const err = h('p', { className: 'err', role: 'alert' });
  const groups = cats.filter((c) => !c.parentId);
  const category = h('select', { 'data-testid': 'finding-category' }, h('option', { value: '' }, t.choose),
    ...groups.map((g) => h('optgroup', { label: categoryName(g) }, ...cats.filter((c) => c.parentId === g.id).map((c) => h('option', { value: c.id, selected: c.id === draft?.categoryId }, categoryName(c))))));
  const description = h('textarea', { 'data-testid': 'finding-description', placeholder: t.descHint, maxLength: 2000, value: draft?.description ?? '' });
  const save = autosave(app, formKey, (): FindingDraft => ({ categoryId: category.value, description: description.value }));
  for (const [el, ev] of [[category, 'change'], [description, 'input']] as const) el.addEventListener(ev, () => ((err.textContent = ''), save.changed()));
  const media = mediaPicker({ testId: 'finding', onChange: save.changed });

  // The place: the phone's fix when it gives one, else the last point of the patrol's track.
  let where: { lat: number; lng: number } | null = null;
  const place = h('p', { className: 'muted', 'data-testid': 'finding-place' }, t.locating);
  const locate = async () => {
    place.textContent = t.locating;
    const p = await app.position();
    where = p ?? lastTrackPoint();
    place.textContent = p ? tr('located', { m: Math.round(p.accuracy) }) : where ? t.locatedTrack : t.noLocation;
  };
  void locate();
  const again = h('button', { type: 'button', className: 'btn', onclick: () => void locate() }, t.useLocation);

  const submit = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'finding-add' }, t.saveFinding);
  submit.addEventListener('click', async () => {
    const chosen = cats.find((c) => c.id === category.value);
    const text = description.value.trim();
    err.textContent = !chosen ? t.needCategory : !text ? t.needDescription : !where ? t.noLocation : '';
    const at = where;
    if (!chosen || !text || !at) return;
    await saving(submit, err, async () => {
      const body = { patrolId: patrol.patrolId, recordedAt: new Date().toISOString(), categoryId: chosen.id, description: text, lat: at.lat, lng: at.lng, ...(item ? { templateItem: item } : {}) };
      const id = await app.records.save('patrol.finding', body, { dependsOn: [patrol.patrolId], attachments: media.files(), label: tr('findingLabel', { category: categoryName(chosen) }) });
      await noteFinding(app, id);
      await save.saved();
      app.go('#/patrol');
    });
  });
  mount(root,
    h('h2', {}, t.findingTitle),
    h('div', { className: 'card' },
      cats.length ? fieldRow(t.category, category) : h('p', { className: 'note' }, t.noCategories),
      fieldRow(t.description, description),
      h('div', { className: 'field' }, h('div', { className: 'label' }, `${t.photos} / ${t.voice}`), media.el),
      h('div', { className: 'field' }, h('div', { className: 'label' }, t.location), h('div', { className: 'row' }, again, place)),
      err, submit),
    h('a', { className: 'btn block', href: '#/patrol' }, t.back));
  return () => void save.leave();
}
