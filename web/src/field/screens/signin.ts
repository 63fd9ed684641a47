/** The sign-in screen: the first sign-in needs the network; afterwards the cached identity opens the app offline. */
import { FieldApiError } from '../api';
import { SignInRefused, signIn } from '../auth';
import { h, mount } from '../dom';
import { sw } from '../shell-words';
import type { Store } from '../store/types';

/** Draws the form into `root`; `done` runs after a successful sign-in. `again`: the session ended, records wait. */
export function signInScreen(root: HTMLElement, store: Store, done: () => void, again = false): void {
  const input = (attrs: Record<string, unknown>) => h('input', { type: 'text', required: true, ...attrs });
  const username = input({ id: 'signin-username', name: 'username', autocomplete: 'username', 'data-testid': 'signin-username' });
  const password = input({ id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', 'data-testid': 'signin-password' });
  const totp = input({ id: 'signin-totp', name: 'totp', required: false, inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '\\d{6}', maxLength: 6, 'data-testid': 'signin-totp' });
  const totpRow = h('div', { className: 'field', hidden: true }, h('label', { htmlFor: 'signin-totp' }, sw.totp), totp);
  const message = h('p', { className: 'err', role: 'alert', 'data-testid': 'signin-error' });
  const submit = h('button', { type: 'submit', className: 'btn primary block', 'data-testid': 'signin-submit' }, sw.signIn);
  const form = h('form', {
    className: 'card',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      message.textContent = '';
      submit.disabled = true;
      submit.textContent = sw.signingIn;
      try {
        await signIn(store, { username: username.value.trim(), password: password.value, ...(totp.value ? { totp: totp.value } : {}) });
        done();
      } catch (err) {
        if (err instanceof SignInRefused) message.textContent = err.reason === 'stage' ? sw.signInStage : sw.signInPermission;
        else if (err instanceof FieldApiError && err.status === 0) message.textContent = sw.signInOffline;
        else if (err instanceof FieldApiError) {
          if (err.code === 'TOTP_REQUIRED') totpRow.hidden = false;
          message.textContent = err.message;
        } else message.textContent = sw.requestFailed;
      } finally {
        submit.disabled = false;
        submit.textContent = sw.signIn;
      }
    },
  },
  h('h2', {}, sw.signInTitle),
  again && h('p', { className: 'note', 'data-testid': 'signin-again' }, sw.reSignIn),
  h('div', { className: 'field' }, h('label', { htmlFor: 'signin-username' }, sw.username), username),
  h('div', { className: 'field' }, h('label', { htmlFor: 'signin-password' }, sw.password), password),
  totpRow, message, submit);
  mount(root, form);
  if (!again) username.focus();
}
