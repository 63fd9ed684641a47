/** The language of a page for the `lang` cookie (shared with the staff app) and the browser's list; the resident pages and the field app both pick with it. */
export type Language = 'zh-CN' | 'zh-TW' | 'en' | 'bo';

/** The cookie wins when it names a language we speak; then the first of the browser's we speak; else zh-CN. */
export function pickLanguage(cookie: string | undefined, browser: readonly string[]): Language {
  if (cookie === 'zh-CN' || cookie === 'zh-TW' || cookie === 'en' || cookie === 'bo') return cookie;
  for (const tag of browser.map((l) => l.toLowerCase())) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag === 'bo' || tag.startsWith('bo-')) return 'bo';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
