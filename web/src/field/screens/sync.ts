/**
 * The sync screen: every record with its state (待同步, 上传中, 已同步, 被退回 with the server's message, 有冲突),
 * its files, the "立即同步" button, discarding a refused record, the storage answer, and signing out (only with
 * nothing unsynced).
 */
import type { RecordView, Screen } from '../contracts';
import { h, mount } from '../dom';
import { bytes, persistAnswer } from '../persist';
import { chinaTime } from '../lang';
import { sw, swr } from '../shell-words';
import { t, tr } from '../words';

/** What the screen needs from the platform besides `FieldApp`. */
export interface SyncScreenDeps {
  signOut(): Promise<void>;
  /** The session ended: uploads wait for a new sign-in. */
  sessionEnded(): Promise<boolean>;
}

const stateWord = (state: RecordView['state'] | 'discarded') => (state === 'discarded' ? sw.state_discarded : t[`state_${state}`]);
const kindWord = (kind: RecordView['kind']) => sw[`kind_${kind.replace('.', '_')}` as keyof typeof sw];

/** The sync screen (route `sync`). */
export function syncScreen(deps: SyncScreenDeps): Screen {
  return async (root, app) => {
    const list = h('ul', { className: 'list', 'data-testid': 'records-list' });
    const summary = h('p', { className: 'muted', 'data-testid': 'sync-summary' });
    const copyLine = h('p', { className: 'muted' });
    const persist = h('p', { className: 'muted', 'data-testid': 'persist-state' });
    const sessionNote = h('p', { className: 'note', hidden: true }, sw.reSignIn, ' ', h('a', { href: '#/signin' }, sw.reSignInButton));
    const syncNow = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'sync-now', onclick: async () => {
      syncNow.disabled = true;
      syncNow.textContent = sw.syncing;
      try {
        await app.records.syncNow();
      } finally {
        syncNow.disabled = false;
        syncNow.textContent = sw.syncNow;
        void draw();
      }
    } }, sw.syncNow);
    const signOutHint = h('p', { className: 'muted', 'data-testid': 'sign-out-hint' });
    const signOut = h('button', { type: 'button', className: 'btn danger block', 'data-testid': 'sign-out', onclick: () => void deps.signOut() }, sw.signOut);

    const row = (r: RecordView) => {
      const answer = r.answer as { caseCode?: string } | undefined;
      const actions = [
        r.state === 'rejected' && h('button', { type: 'button', className: 'btn danger', 'data-testid': `discard-${r.id}`, onclick: async () => {
          if (confirm(sw.discardConfirm)) await app.records.discard(r.id);
        } }, sw.discard),
        r.state === 'conflict' && h('a', { className: 'btn primary', href: `#/conflict?id=${encodeURIComponent(r.id)}`, 'data-testid': `resolve-${r.id}` }, sw.resolve),
      ];
      return h('li', { 'data-record': r.id },
        h('div', { className: 'grow' },
          h('div', { className: 'title' }, r.label),
          h('div', { className: 'muted' }, `${kindWord(r.kind)} · ${chinaTime(r.createdAt)}`, r.attempts > 1 ? ` · ${swr('attempts', { n: r.attempts })}` : ''),
          answer?.caseCode && h('div', { className: 'ok' }, tr('caseCode', { code: answer.caseCode })),
          r.error && (r.state === 'rejected' || r.state === 'conflict') && h('p', { className: 'err', 'data-testid': `record-error-${r.id}` }, r.error.message),
          r.attachments.length > 0 && h('div', { className: 'row' }, ...r.attachments.map((a) => h('span', { className: `chip state-${a.state}`, 'data-testid': `file-state-${a.id}`, 'data-state': a.state }, `${a.kind === 'photo' ? t.photo : t.voiceNote} ${stateWord(a.state)}`))),
          h('div', { className: 'row' }, ...actions)),
        h('span', { className: `chip state-${r.state}`, 'data-testid': `record-state-${r.id}`, 'data-state': r.state }, stateWord(r.state)));
    };

    let drawing = Promise.resolve();
    const draw = () => (drawing = drawing.then(async () => {
      const [records, n, refreshed, ended] = await Promise.all([app.records.list(), app.records.unsyncedCount(), app.copy.refreshedAt(), deps.sessionEnded()]);
      mount(list, ...records.map(row));
      summary.textContent = records.length === 0 ? sw.nothingYet : n === 0 ? sw.allSynced : swr('unsynced', { n });
      copyLine.textContent = refreshed ? tr('copyAt', { time: chinaTime(refreshed) }) : t.copyNever;
      sessionNote.hidden = !ended;
      signOut.disabled = n > 0;
      signOutHint.textContent = n > 0 ? swr('signOutBlocked', { n }) : '';
    }));
    const showPersist = async () => {
      const p = await persistAnswer();
      persist.dataset.granted = String(p.granted);
      persist.textContent = !p.supported ? sw.persistUnknown : p.granted ? sw.persistGranted : sw.persistNotGranted;
      if (p.usage !== null && p.quota) persist.textContent += ` · ${swr('storageUsed', { used: bytes(p.usage), quota: bytes(p.quota) })}`;
    };
    mount(root, h('h2', {}, sw.menuSync), sessionNote, summary, syncNow, list, h('div', { className: 'card' }, h('h3', {}, sw.persistTitle), persist, copyLine), signOutHint, signOut);
    const off = app.records.onChange(() => void draw());
    await Promise.all([draw(), showPersist()]);
    return off;
  };
}
