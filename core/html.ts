/**
 * Text going into HTML outside React (Leaflet tooltips, popups, attribution): names of grids, buildings and places
 * come from imports and users, so every one is escaped here, the one place that does it.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with the five HTML-special characters replaced by entities (safe in element content and quoted attributes). */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Lines of text as HTML, each escaped, separated by line breaks. */
export function htmlLines(...lines: unknown[]): string {
  return lines.map(escapeHtml).join('<br/>');
}
