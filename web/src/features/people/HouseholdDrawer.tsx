/** A household's card: number, grid, risk, members (a name opens the person), note and history; edit and members. */
import { useState } from 'react';
import { Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../../core/schemas/people.response';
import { HistoryTimeline } from './HistoryTimeline';
import { useCodes, useHousehold, useRemoveMember } from './people.api';
import { MemberModal } from './PersonForms';
import { HouseholdEditModal } from './RegistryEditForms';
import { riskColour } from './risk-colour';
import { HouseholdRisk } from '../coverage/HouseholdRisk';

export function HouseholdDrawer({ id, canWrite, onClose, onOpenPerson }: { id: string | undefined; canWrite: boolean; onClose: () => void; onOpenPerson: (id: string) => void }) {
  const { t } = useTranslation();
  const card = useHousehold(id).data;
  const relations = useCodes('household_relation');
  const remove = useRemoveMember(id);
  const [editing, setEditing] = useState<'edit' | 'member' | null>(null);
  return (
    <>
      <Drawer open={!!id && !!card} onClose={onClose} title={card ? `${t('people.householdCard')} · ${card.address}` : ''} width={Math.min(560, window.innerWidth)} data-testid="household-card"
        extra={canWrite && <Space><Button data-testid="edit-household" onClick={() => setEditing('edit')}>{t('people.edit')}</Button><Button data-testid="add-member" onClick={() => setEditing('member')}>{t('people.addMember')}</Button></Space>}>
        {card && (
          <>
            <Descriptions size="small" column={1} items={[
              { label: t('people.householdNumber'), children: card.number ?? '—' },
              { label: t('people.grid'), children: card.gridName ?? card.gridCode },
              { label: t('people.risk'), children: <Tag color={riskColour[card.riskLevel]}>{t(`people.riskLevel.${card.riskLevel}`)}</Tag> },
            ]} />
            <Typography.Title level={5}>{t('people.members')}</Typography.Title>
            <Table rowKey="id" size="small" pagination={false} dataSource={card.members} columns={[
              { title: t('people.name'), dataIndex: 'name', render: (v: string, p: PersonView) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenPerson(p.id)}>{v}</Button> },
              { title: t('people.relation'), dataIndex: 'relation', render: (v: string | null, p: PersonView) => <>{v ? relations[v] ?? v : ''}{p.head && v !== '02' && <Tag color="blue" style={{ marginLeft: 6 }}>{t('people.head')}</Tag>}</> },
              { title: t('people.age'), dataIndex: 'age' },
              { title: t('people.idNumber'), dataIndex: 'idNumber' },
              ...(canWrite ? [{ title: '', key: 'remove', render: (_: unknown, p: PersonView) => <Button size="small" type="link" danger loading={remove.pending} onClick={() => void remove.run(p.id)}>{t('people.removeMember')}</Button> }] : []),
            ]} />
            <HouseholdRisk householdId={card.id} />
            {card.note && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('people.note')}：{card.note}</Typography.Paragraph>}
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.history')}</Typography.Title>
            <HistoryTimeline items={card.history} />
          </>
        )}
      </Drawer>
      <HouseholdEditModal open={editing === 'edit'} household={card} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      <MemberModal open={editing === 'member'} householdId={card?.id} relations={relations} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
    </>
  );
}
