/** Server state of accounts: create, change, reset a password, unlock, reset TOTP, disable. */
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

const lists = [['/api/users']];

/** Creates an account. */
export function useCreateUser(form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api('/api/users', { method: 'POST', body, key }), { ...form, invalidates: () => lists });
}

/** Changes an account (name, role, scope, disabled); with a form, the server's field problems show on it. */
export function useUpdateUser(form?: FormOptions) {
  return useAction(({ id, body }: { id: string; body: Record<string, unknown> }, { key }) => api(`/api/users/${id}`, { method: 'PATCH', body, key }), { ...form, invalidates: () => lists });
}

/** Sets a new password the user must change at the next sign-in. */
export function useResetPassword(form?: FormOptions) {
  return useAction(({ id, password }: { id: string; password: string }, { key }) => api(`/api/users/${id}/password`, { method: 'POST', body: { password }, key }), { ...form });
}

/** Unlocks an account or resets its TOTP (the security administrator's). */
export function useUserCommand() {
  return useAction(({ id, command }: { id: string; command: 'unlock' | 'reset-totp' }, { key }) => api(`/api/users/${id}/${command}`, { method: 'POST', body: {}, key }), { invalidates: () => lists });
}
