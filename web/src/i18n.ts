/**
 * i18next with the three UI languages; zh-CN is the default. The choice is kept in a cookie the server reads too.
 * The first script holds only zh-CN's general strings (the sign-in page's among them); the strings of the
 * signed-in pages arrive with those pages' script, and another language's when it is chosen.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// One file per area and language (locales/<language>/<area>.json) so that work on one area never edits another's
// strings; keys stay flat ('nav.grids') and unique across the files, which web/i18n.test.ts checks.
// Areas used only on signed-in pages (keep in step with the glob patterns below, which must be literals):
const pageAreas = ['admin', 'audit', 'cases', 'catalog', 'coverage', 'dashboard', 'grids', 'mediation', 'mediationStats', 'patrols', 'people', 'petitions'];
const firstStrings = import.meta.glob<Record<string, string>>(['./locales/zh-CN/*.json', '!./locales/zh-CN/{admin,audit,cases,catalog,coverage,dashboard,grids,mediation,mediationStats,patrols,people,petitions}.json'], { eager: true, import: 'default' });
const laterStrings = import.meta.glob<Record<string, string>>(['./locales/zh-CN/{admin,audit,cases,catalog,coverage,dashboard,grids,mediation,mediationStats,patrols,people,petitions}.json', './locales/zh-TW/*.json', './locales/en/*.json'], { import: 'default' });
const isPageArea = (path: string) => pageAreas.includes(path.slice(path.lastIndexOf('/') + 1, -'.json'.length));

export const languages = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'en', label: 'English' },
] as const;

const arrived = new Set<string>();
let pagesWanted = false;

/** Fetches the strings of a language not here yet: its general areas, and the page areas once pages are shown. */
async function loadStrings(code: string): Promise<void> {
  const wanted = Object.entries(laterStrings).filter(([path]) => path.startsWith(`./locales/${code}/`) && !arrived.has(path) && (pagesWanted || !isPageArea(path)));
  const parts = await Promise.all(wanted.map(async ([path, load]) => [path, await load()] as const));
  for (const [path, strings] of parts) {
    i18n.addResourceBundle(code, 'translation', strings, true, true);
    arrived.add(path);
  }
}

/** Fetches the signed-in pages' strings of the current language (the shell waits for them before it draws). */
export function loadPageStrings(): Promise<void> {
  pagesWanted = true;
  return loadStrings(i18n.language);
}

const saved = document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1];
/** The language remembered in the cookie (zh-CN when none). */
export const initialLanguage: string = languages.some((l) => l.code === saved) ? saved! : 'zh-CN';
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: Object.assign({}, ...Object.values(firstStrings)) as Record<string, string> } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  // Keys are flat strings such as 'nav.grids', not nested paths.
  keySeparator: false,
});

async function switchTo(code: string): Promise<void> {
  await loadStrings(code);
  await i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

/** Resolves once the remembered language's strings are in (at once for zh-CN); the app renders after it. */
export const i18nReady: Promise<void> = initialLanguage === 'zh-CN' ? Promise.resolve() : switchTo(initialLanguage).catch(() => undefined);

/** Switches the UI language and remembers it. */
export function setLanguage(code: string): void {
  document.cookie = `lang=${code}; path=/; max-age=31536000; samesite=strict`;
  void switchTo(code);
}

export default i18n;
