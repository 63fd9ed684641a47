/** i18next with the three UI languages; zh-CN is the default. The choice is kept in a cookie the server reads too. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import en from './locales/en.json';

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
