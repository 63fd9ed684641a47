import { describe, expect, it } from 'vitest';
import { linkOf } from './notification-link';

const notice = (subject: { type: string; id: string; code: string | null } | null) => ({ id: 1, subject, text: '', createdAt: '2026-12-01T00:00:00Z', read: false }) as Parameters<typeof linkOf>[0];

describe('where a notice opens', () => {
  it('opens the card of its case, petition or dispute, and nothing for a security alert', () => {
    expect(linkOf(notice({ type: 'case', id: 'x', code: '632221-00000001' }))).toBe('/cases/632221-00000001');
    expect(linkOf(notice({ type: 'petition', id: 'x', code: '632221-X0000001' }))).toBe('/petitions/632221-X0000001');
    // A 民转刑 warning or an unperformed term names a dispute: it opens the mediation card.
    expect(linkOf(notice({ type: 'dispute', id: 'x', code: '632221-MABCDEFG' }))).toBe('/mediation/632221-MABCDEFG');
    expect(linkOf(notice(null))).toBeNull();
    expect(linkOf(notice({ type: 'account', id: 'x', code: null }))).toBeNull();
  });
});
