/**
 * The conflict screen (`#/conflict?id=<record>`): a household or person changed offline that someone else changed
 * meanwhile. Mine and the server's side by side; "keep mine" saves a NEW record that supersedes the old one and
 * carries the server's version (never the old key with a new body), "keep theirs" drops mine.
 */
import type { Records, Screen } from '../contracts';
import { h, mount } from '../dom';
import { sw } from '../shell-words';
import type { Store } from '../store/types';
import { keepMineInput } from '../sync/resolve';
import { t, type WordKey } from '../words';

/** Fields that are bookkeeping, not what the worker changed. */
const hidden = new Set(['id', 'version', 'supersedes', 'householdId', 'personId', 'updatedAt', 'createdAt']);

const show = (v: unknown) => (v === null || v === undefined || v === '' ? t.none : typeof v === 'object' ? JSON.stringify(v) : String(v));
const label = (key: string) => (t as Record<string, string>)[key as WordKey] ?? key;

/** The conflict screen (route `conflict`). */
export function conflictScreen(store: Store, records: Records): Screen {
  return async (root, app, params) => {
    const row = await store.getRow(params.get('id') ?? '');
    if (!row || row.state !== 'conflict') return mount(root, h('p', { className: 'muted' }, sw.conflictGone), h('a', { className: 'btn block', href: '#/sync' }, t.back));
    const current = row.lastError?.current as Record<string, unknown> | undefined;
    const keys = Object.keys(row.body).filter((k) => !hidden.has(k));
    const side = (title: string, cls: string, values: Record<string, unknown> | undefined) =>
      h('div', { className: `card ${cls}`, 'data-testid': `conflict-${cls}` }, h('h3', {}, title),
        ...keys.map((k) => h('div', { className: `field${values && current && show(row.body[k]) !== show(current[k]) ? ' invalid' : ''}` }, h('div', { className: 'label' }, label(k)), h('div', {}, values ? show(values[k]) : t.none))));
    const message = h('p', { className: 'err' });
    const keepMine = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'conflict-keep-mine', disabled: !current || current.version === undefined, onclick: async () => {
      keepMine.disabled = true;
      await records.save(row.kind as 'household.update' | 'person.update', keepMineInput(row, current!), { label: row.label, supersedes: row.id });
      app.go('#/sync');
    } }, sw.keepMine);
    const keepTheirs = h('button', { type: 'button', className: 'btn block', 'data-testid': 'conflict-keep-theirs', onclick: async () => {
      await records.discard(row.id);
      app.go('#/sync');
    } }, sw.keepTheirs);
    mount(root, h('h2', {}, sw.conflictTitle), h('p', {}, row.label), h('p', { className: 'muted' }, sw.conflictIntro),
      side(sw.mine, 'mine', row.body), side(sw.theirs, 'theirs', current),
      !current && h('p', { className: 'note' }, sw.conflictNoCurrent), message, keepMine, keepTheirs, h('a', { className: 'btn block', href: '#/sync' }, t.back));
  };
}
