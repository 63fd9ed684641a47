/** The sign-in screen: the first sign-in needs the network; afterwards the cached identity opens the app offline. */
import { FieldApiError } from '../api';
import { SignInRefused, signIn } from '../auth';
import { h, mount } from '../dom';
import type { Store } from '../store/types';
import { sw } from '../shell-words';

const refusal = {
  stage: { 'zh-CN': '请先在电脑上登录安网，完成修改密码或绑定动态验证码', en: 'Sign in to Anwang on a computer first to change your password or set up the authenticator', 'zh-TW': '請先在電腦上登入安網，完成修改密碼或綁定動態驗證碼' },
  permission: { 'zh-CN': '这个账号不能记录走访和巡查', en: 'This account cannot record visits or patrols', 'zh-TW': '這個帳號不能記錄走訪和巡查' },
};

/** Draws the form; `done` runs after a successful sign-in. */
export function signInScreen(root: HTMLElement, store: Store, done: () => void, lang: 'zh-CN' | 'zh-TW' | 'en', again = false): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, 'data-testid': 'signin-username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'signin-password' });
  const totp = h('input', { name: 'totp', inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '\\d{6}', maxLength: 6, 'data-testid': 'signin-totp' });
  const totpRow = h('label', { className: 'field-label', hidden: true }, sw.totp, totp);
  const message = h('p', { className: 'field-error', role: 'alert', 'data-testid': 'signin-error' });
  const submit = h('button', { type: 'submit', className: 'field-button field-button-primary', 'data-testid': 'signin-submit' }, sw.signIn);
  const form = h('form', {
    className: 'field-form field-signin',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      message.textContent = '';
      submit.disabled = true;
      submit.textContent = sw.signingIn;
      try {
        await signIn(store, { username: username.value.trim(), password: password.value, ...(totp.value ? { totp: totp.value } : {}) });
        done();
      } catch (err) {
        if (err instanceof SignInRefused) message.textContent = refusal[err.reason][lang];
        else if (err instanceof FieldApiError && err.status === 0) message.textContent = sw.signInOffline;
        else if (err instanceof FieldApiError) {
          if (err.code === 'TOTP_REQUIRED') totpRow.hidden = false;
          message.textContent = err.message;
        } else message.textContent = String(err);
      } finally {
        submit.disabled = false;
        submit.textContent = sw.signIn;
      }
    },
  },
  h('h1', { className: 'field-title' }, sw.signInTitle),
  again && h('p', { className: 'field-notice' }, sw.reSignIn),
  h('label', { className: 'field-label' }, sw.username, username),
  h('label', { className: 'field-label' }, sw.password, password),
  totpRow, message, submit);
  mount(root, form);
}
