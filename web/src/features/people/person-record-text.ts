/** The words of an extension record's tag: kind, category (hidden until revealed), grade or attention, expiries, sensitive part. */
import type { TFunction } from 'i18next';
import type { RecordView, Revealed } from '../../../../core/schemas/people.response';

/** The text of one record; `shown` is what an audited reveal returned for it. */
export function recordText(rec: RecordView, shown: NonNullable<Revealed['records']>[number] | undefined, names: Record<string, Record<string, string>>, t: TFunction): string {
  const r = shown ? { ...rec, category: shown.category, riskLevel: shown.riskLevel } : rec;
  const category = r.category ? ` · ${names[r.kind]?.[r.category] ?? r.category}` : rec.categoryHidden ? ` · ${t('people.categoryHidden')}` : '';
  const risk = r.riskLevel ? ` · ${/^[0-5]$/.test(r.riskLevel) ? t('people.grade', { level: r.riskLevel }) : t(`people.attention.${r.riskLevel}`)}` : '';
  const permit = typeof r.data?.permitExpiry === 'string' ? ` · ${t('people.permitExpiry')} ${r.data.permitExpiry}` : '';
  const visa = typeof r.data?.visaExpiry === 'string' ? ` · ${t('people.visaExpiry')} ${r.data.visaExpiry}` : '';
  const sensitive = shown?.sensitive ? ` · ${Object.values(shown.sensitive).join('；')}` : r.hasSensitive ? ' 🔒' : '';
  return `${t(`people.kind.${r.kind}`)}${category}${risk}${permit}${visa}${sensitive}`;
}
