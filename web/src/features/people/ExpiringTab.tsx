/** 证件到期: residence permits and visas expired or expiring within the chosen days, soonest first. */
import { useState } from 'react';
import { Button, Segmented, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Expiring } from '../../../../core/schemas/people.response';
import { useExpiring } from './people.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

/** The 证件到期 tab: the list, with 7/30/90 days to choose. */
export function ExpiringTab({ scope, onOpen }: { scope?: string; onOpen: (personId: string) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const items = useExpiring(days, scope).data ?? [];
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Segmented value={days} onChange={(v) => setDays(Number(v))} options={[7, 30, 90].map((d) => ({ value: d, label: t('people.withinDays', { n: d }) }))} />
      </Space>
      <ResponsiveTable data-testid="expiring-table" rowKey="recordId" size="middle" dataSource={items} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 600 }}
        columns={[
          { title: t('people.name'), render: (_: unknown, x: Expiring) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(x.person.id)}>{x.person.name}</Button> },
          { title: t('people.document'), dataIndex: 'kind', render: (k: string) => t(k === 'foreign' ? 'people.visa' : 'people.permit') },
          { title: t('people.expiresOn'), dataIndex: 'expiresOn' },
          { title: t('people.daysLeft'), dataIndex: 'daysLeft', render: (n: number) => <Tag color={n < 0 ? 'red' : n <= 7 ? 'orange' : 'gold'}>{n < 0 ? t('people.expiredDays', { n: -n }) : t('people.daysLeftN', { n })}</Tag> },
          { title: t('people.phone'), render: (_: unknown, x: Expiring) => x.person.phone },
          { title: t('people.grid'), render: (_: unknown, x: Expiring) => x.person.gridName ?? x.person.gridCode },
        ]} />
    </>
  );
}
