/** i18next with the three UI languages; zh-CN is the default. The choice is kept in a cookie the server reads too. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// One file per area and language (locales/<language>/<area>.json) so that work on one area never edits another's
// strings; keys stay flat ('nav.grids') and unique across the files, which web/i18n.test.ts checks.
const files = import.meta.glob<Record<string, string>>('./locales/*/*.json', { eager: true, import: 'default' });
const bundle = (lang: string) =>
  Object.assign({}, ...Object.entries(files).filter(([path]) => path.startsWith(`./locales/${lang}/`)).map(([, strings]) => strings)) as Record<string, string>;
const zhCN = bundle('zh-CN'), zhTW = bundle('zh-TW'), en = bundle('en');

export const languages = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'en', label: 'English' },
] as const;

const saved = document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1];
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW }, en: { translation: en } },
  lng: languages.some((l) => l.code === saved) ? saved : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  // Keys are flat strings such as 'nav.grids', not nested paths.
  keySeparator: false,
});

/** Switches the UI language and remembers it. */
export function setLanguage(code: string): void {
  document.cookie = `lang=${code}; path=/; max-age=31536000; samesite=strict`;
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18n;
