/** Dates and times in the UI language (zh-CN shows 2026/11/24 10:21:42). */
import i18n from './i18n';

/** Formats an ISO time for tables in China time (whatever the browser's zone); '—' when absent. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString(i18n.language, { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';
}
