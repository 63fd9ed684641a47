import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlLines } from './html.ts';

describe('escapeHtml', () => {
  it('turns markup in names into text', () => {
    expect(escapeHtml('<img src=x onerror=window.__xss=1>')).toBe('&lt;img src=x onerror=window.__xss=1&gt;');
    expect(escapeHtml(`a"b'c&d`)).toBe('a&quot;b&#39;c&amp;d');
    expect(escapeHtml(null)).toBe('');
    expect(htmlLines('<b>', '632221100201001')).toBe('&lt;b&gt;<br/>632221100201001');
  });
});
