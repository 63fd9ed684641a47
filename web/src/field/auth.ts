/**
 * Who is signed in, kept on the device: after one sign-in the app opens offline with the cached identity; a 401 later
 * only pauses uploading ("请重新登录", records kept). Sign-out is refused while anything is unsynced.
 */
import { call } from './api';
import type { Me } from './contracts';
import type { MeRow, Store } from './store/types';

/** What /api/auth/login answers (core/schemas/auth.schema.ts MeSchema). */
interface ServerMe {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
  scopeName: string;
  stage: 'enrol' | 'password' | 'full';
  permissions: string[];
}

/** Why a sign-in that the server accepted cannot be used here. */
export class SignInRefused extends Error {
  constructor(readonly reason: 'stage' | 'permission') {
    super(reason);
  }
}

/** The identity the device remembers, or undefined before the first sign-in (or after signing out). */
export function cachedMe(store: Store): Promise<MeRow | undefined> {
  return store.getMeta<MeRow>('me');
}

/** The `Me` screens see. */
export function meOf(row: MeRow): Me {
  return { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role, scopeCode: row.scopeCode };
}

/**
 * Signs in over the API and remembers the worker. Another worker than the one remembered starts a fresh device copy
 * (the copy is scoped to the grids of whoever is signed in).
 */
export async function signIn(store: Store, input: { username: string; password: string; totp?: string }): Promise<MeRow> {
  const me = await call<ServerMe>('/api/auth/login', { method: 'POST', body: input });
  // Changing an administrator-set password and enrolling a second factor are done in the staff app.
  if (me.stage !== 'full') throw new SignInRefused('stage');
  if (!me.permissions.includes('field:record')) throw new SignInRefused('permission');
  const before = await cachedMe(store);
  const same = before?.userId === me.id;
  if (!same && before) await store.clearCopy();
  const row: MeRow = { userId: me.id, username: me.username, displayName: me.displayName, role: me.role, scopeCode: me.scopeCode, scopeName: me.scopeName, permissions: me.permissions, cursor: same ? before!.cursor : null, snapshotAt: same ? before!.snapshotAt : null };
  await store.setMeta('me', row);
  await store.setMeta('sessionEnded', false);
  return row;
}

/** Signs out when nothing is unsynced: ends the session (when online) and forgets the device copy. */
export async function signOut(store: Store, unsynced: () => Promise<number>): Promise<boolean> {
  if ((await unsynced()) > 0) return false;
  await call('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  await store.clearCopy();
  return true;
}
