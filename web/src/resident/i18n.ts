/** The resident page's language: the staff app's `lang` cookie when set, else the phone's languages (navigator.languages); Tibetan (bo) too (the petition and mediation pages show it in Chinese). */
import { bo, en, pickLanguage, zhCN, zhTW, type Dict, type Language } from './words';

export { languages } from './words';

/** Remembers a language in the staff app's cookie (the server reads it too) and reloads the page in it. */
export function switchLanguage(code: Language): void {
  document.cookie = `lang=${code}; path=/; max-age=31536000; samesite=strict`;
  location.reload();
}

const lang = pickLanguage(document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1], navigator.languages?.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = lang;
export const t: Dict = lang === 'en' ? en : lang === 'zh-TW' ? zhTW : lang === 'bo' ? bo : zhCN;
export const language = lang;
