/** The audit log's filters: who (picked by name), what (picked by label), on what (type, id or case code) and when; kept in the address. */
import { useState } from 'react';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { allAuditActions } from '../../../../core/audit-actions';
import { auditActionLabel } from '../../../../core/audit-labels';
import type { Locale } from '../../../../core/errors';
import { useAuditActors } from './audit.api';
import { chinaDayEnd, chinaDayStart, chinaPickerValue } from '../../data/china-clock';

/** The object types the log records, in the order an auditor looks for them. */
export const auditObjectTypes = ['user', 'case', 'person', 'household', 'building', 'dwelling', 'place', 'grid', 'gridStaff', 'region', 'category', 'department', 'deadlinePolicy', 'calendar', 'codeTable', 'county', 'token'] as const;

export const auditFilterDefaults = { actorId: '', action: '', objectType: '', object: '', from: '', to: '' };
export type AuditFilterValues = typeof auditFilterDefaults;

export function AuditFilters({ f, set, actorName }: { f: AuditFilterValues; set: (patch: Partial<AuditFilterValues>) => void; actorName?: string | null }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const actors = useAuditActors(q);
  const locale = i18n.language as Locale;
  const actorOptions = (actors.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName} · ${t(`role.${a.role}`)}` }));
  // A user picked earlier (from the address) is named by the rows it filtered, when the search no longer lists it.
  if (f.actorId && !actorOptions.some((o) => o.value === f.actorId)) actorOptions.unshift({ value: f.actorId, label: actorName ?? t('audit.filter.userPicked') });
  return (
    <Space wrap data-testid="audit-filters">
      <Select
        allowClear showSearch filterOption={false} style={{ width: 220 }} placeholder={t('audit.filter.user')} data-testid="audit-filter-user"
        value={f.actorId || undefined} options={actorOptions} onSearch={setQ} loading={actors.isFetching}
        onChange={(v) => set({ actorId: v ?? '' })} notFoundContent={t('audit.filter.noUser')}
      />
      <Select
        allowClear showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={t('audit.filter.action')} data-testid="audit-filter-action"
        value={f.action || undefined} onChange={(v) => set({ action: v ?? '' })}
        options={allAuditActions.map((a) => ({ value: a, label: auditActionLabel(a, locale) }))}
      />
      <Select
        allowClear style={{ width: 140 }} placeholder={t('audit.filter.objectType')} value={f.objectType || undefined} onChange={(v) => set({ objectType: v ?? '' })}
        options={auditObjectTypes.map((o) => ({ value: o, label: t(`audit.objectType.${o}`) }))}
      />
      <Input.Search key={f.object} defaultValue={f.object} allowClear placeholder={t('audit.filter.object')} style={{ width: 220 }} onSearch={(v) => set({ object: v.trim() })} data-testid="audit-filter-object" />
      <DatePicker.RangePicker
        value={f.from && f.to ? [chinaPickerValue(f.from), chinaPickerValue(f.to)] : null}
        onChange={(v) => set(v && v[0] && v[1] ? { from: chinaDayStart(v[0]), to: chinaDayEnd(v[1]) } : { from: '', to: '' })}
      />
      <Button onClick={() => set(auditFilterDefaults)}>{t('audit.filter.reset')}</Button>
    </Space>
  );
}
