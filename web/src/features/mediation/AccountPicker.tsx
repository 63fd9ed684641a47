/**
 * The account a mediator record links to, found by name or username (GET /api/mediation/accounts): the mediator
 * then sees their disputes when they sign in. Each choice shows the person's name, username, place and role, and
 * the record the account already links, so one person is not linked twice by mistake.
 */
import { useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MediatorAccount } from '../../../../core/schemas/disputes.response';
import { api } from '../../api';

/** A searchable account select; its value is the account's id (cleared: null, which unlinks). */
export function AccountPicker({ value, onChange, current }: { value?: string | null; onChange?: (v: string | null) => void; current?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['mediation-accounts', q],
    queryFn: () => api<{ items: MediatorAccount[] }>(`/api/mediation/accounts?${new URLSearchParams({ q })}`),
    staleTime: 30_000,
  });
  const items = found.data?.items ?? [];
  const options = items.map((a) => ({
    value: a.id,
    label: (
      <Space size={4} wrap>
        <b>{a.displayName}</b>
        <Typography.Text type="secondary">{a.username} · {a.scopeName} · {t(`role.${a.role}`, { defaultValue: a.role })}</Typography.Text>
        {a.linkedMediator && a.id !== value && <Tag color="orange">{t('mediation.org.linkedTo', { name: a.linkedMediator })}</Tag>}
      </Space>
    ),
  }));
  // An account already linked but not among the results is shown by the name it is known by.
  if (value && !items.some((a) => a.id === value)) options.unshift({ value, label: <b>{current ?? t('mediation.org.linkedAccount')}</b> });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={t('mediation.org.accountHint')}
      notFoundContent={found.isFetching ? null : t('mediation.org.noAccount')}
      data-testid="org-account"
    />
  );
}
