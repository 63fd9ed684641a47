/** The field app's language: the staff app's `lang` cookie when set, else the phone's languages; Tibetan (bo) too. */
export type FieldLanguage = 'zh-CN' | 'zh-TW' | 'en' | 'bo';

export const fieldLanguages: { code: FieldLanguage; label: string }[] = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'en', label: 'English' },
  { code: 'bo', label: 'བོད་ཡིག' },
];

/** Picks the language from the cookie, else the first browser language we have, else zh-CN. */
export function pickFieldLanguage(cookie: string | undefined, browser: readonly string[]): FieldLanguage {
  if (cookie === 'zh-CN' || cookie === 'zh-TW' || cookie === 'en' || cookie === 'bo') return cookie;
  for (const tag of browser.map((l) => l.toLowerCase())) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('bo')) return 'bo';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

const inBrowser = typeof document !== 'undefined';

/** The language this page shows. */
export const language: FieldLanguage = inBrowser
  ? pickFieldLanguage(document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1], navigator.languages?.length ? navigator.languages : [navigator.language])
  : 'zh-CN';
if (inBrowser) document.documentElement.lang = language;

/** The language the server answers in: it has no Tibetan messages, so bo asks for Chinese (its fallback anyway). */
export const serverLanguage = language === 'bo' ? 'zh-CN' : language;

/** Remembers a language in the shared `lang` cookie and reloads the page in it (records are on the device). */
export function switchLanguage(code: FieldLanguage): void {
  document.cookie = `lang=${code}; path=/; max-age=31536000; samesite=strict`;
  location.reload();
}

/** A China-time clock reading (HH:MM, or the day and HH:MM when not today) for a device ISO time. */
export function chinaTime(iso: string, now = new Date()): string {
  const fmt = (d: Date, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, ...opts }).format(d);
  const d = new Date(iso);
  const day = fmt(d, { month: '2-digit', day: '2-digit' });
  const time = fmt(d, { hour: '2-digit', minute: '2-digit' });
  return day === fmt(now, { month: '2-digit', day: '2-digit' }) ? time : `${day} ${time}`;
}
