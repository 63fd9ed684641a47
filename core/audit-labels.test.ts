import { describe, expect, it } from 'vitest';
import { allAuditActions } from './audit-actions.ts';
import { auditActionLabel } from './audit-labels.ts';
import { locales } from './errors.ts';

describe('audit actions in words', () => {
  it('every declared action has a label in zh-CN, zh-TW and English, each in its own language', () => {
    for (const a of allAuditActions) {
      for (const l of locales) {
        const label = auditActionLabel(a, l);
        expect(label, `${a} ${l}`).not.toBe(a);
        expect(/\p{Script=Han}/u.test(label), `${a} ${l}: ${label}`).toBe(l !== 'en');
      }
    }
  });
  it('a workflow step reads as a case step', () => {
    expect(auditActionLabel('case.dispatch', 'zh-CN')).toBe('案件·派遣');
    expect(auditActionLabel('case.reportBack', 'en')).toBe('Case: Report back');
  });
});
