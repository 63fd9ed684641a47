/** Turns any failure into text for the user, in the UI language, from the server's stable error code. */
import { errorCatalog, errorMessage, type ErrorCode, type Locale } from '../../../core/errors';
import i18n from '../i18n';
import { ApiError } from '../api';

/** The user-facing text of a failure: the code's message in the UI language, then the field problems. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const code = e.body.code as ErrorCode;
    const base = code in errorCatalog ? errorMessage(code, i18n.language as Locale) : e.body.message;
    const details = (e.body.details ?? []).map((d) => d.message).filter((m) => m && m !== base);
    // The server sends every message in the UI language (the lang cookie); the punctuation follows it too.
    const [colon, semicolon] = i18n.language === 'en' ? [': ', '; '] : ['：', '；'];
    return details.length ? `${base}${colon}${details.join(semicolon)}` : base;
  }
  // A network failure or a bug: never swallowed, but no stack trace on screen either.
  return i18n.t('common.networkError');
}

let reporter: (text: string) => void = (text) => console.error(text);
/** Set once by the shell (inside Ant Design's App) so failures of queries and actions reach the user. */
export function setErrorReporter(fn: (text: string) => void): void {
  reporter = fn;
}

/** Shows a failure to the user. */
export function reportError(e: unknown): void {
  reporter(errorText(e));
}
