/**
 * 矛盾纠纷调解: the mediator's workbench. Boxes (mine, new, sessions today, overdue, urgent 民转刑, the register)
 * with counts, a list with the month clock as the time left, the registration form, and the card at
 * /mediation/<code>. The box, filters and page live in the query string.
 */
import { useMemo, useState } from 'react';
import { Badge, Button, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { DisputeListItem } from '../../../../core/schemas/disputes.response';
import { disputeBoxes } from '../../../../core/schemas/disputes.schema';
import { disputeStatuses } from '../../../../core/workflow/dispute-workflow';
import { disputeCategories } from '../../../../core/mediation/categories';
import { formatTime } from '../../format';
import { useUrlState } from '../../data/url-state';
import { usePagedList } from '../../data/use-paged-list';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { ClockTag } from '../petitions/ClockTag';
import { useCommittees, useDisputeBoxes } from './mediation.api';
import { disputeStatusColour } from './mediation-labels';
import { DisputeDrawer } from './DisputeDrawer';
import { RegisterDisputeModal } from './RegisterDisputeModal';

const filterNames = ['status', 'category', 'committeeId', 'q'] as const;

export function DisputesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { code } = useParams();
  const defaults = useMemo(() => ({ box: '', ...Object.fromEntries(filterNames.map((f) => [f, ''])) }) as Record<'box' | (typeof filterNames)[number], string>, []);
  const [f, setF] = useUrlState(defaults);
  const counts = useDisputeBoxes().data;
  // A mediator starts on their own disputes; a centre's operator or leader on those waiting for a mediator.
  const isMediator = me.role === 'mediator';
  const firstBox = isMediator ? 'mine' : 'new';
  const box = (disputeBoxes as readonly string[]).includes(f.box) ? f.box : firstBox;
  const list = usePagedList<DisputeListItem>({ path: '/api/disputes', params: { box, status: f.status || undefined, category: f.category || undefined, committeeId: f.committeeId || undefined, q: f.q || undefined } });
  const committees = useCommittees().data ?? [];
  const [registering, setRegistering] = useState(false);
  const filter = (patch: Partial<Record<(typeof filterNames)[number] | 'box', string | undefined>>) => setF({ ...patch, page: undefined });
  const open = (c: string) => navigate({ pathname: `/mediation/${c}`, search: location.search }, { state: { fromList: true } });
  const close = () => ((location.state as { fromList?: boolean } | null)?.fromList ? navigate(-1) : navigate({ pathname: '/mediation', search: location.search }, { replace: true }));
  const order = isMediator ? ['mine', 'sessionsToday', 'toSign', 'followUps', 'new', 'overdue', 'urgent', 'all'] : ['new', 'urgent', 'overdue', 'sessionsToday', 'toSign', 'followUps', 'mine', 'all'];

  return (
    <>
      <Tabs
        activeKey={box}
        onChange={(k) => filter({ box: k })}
        data-testid="dispute-boxes"
        items={order.map((b) => ({
          key: b,
          label: (
            <Space size={6}>
              {t(`mediation.box.${b}`)}
              {b !== 'all' && counts && <Badge count={counts[b] ?? 0} overflowCount={999} showZero color={(b === 'overdue' || b === 'urgent') && counts[b] ? '#cf1322' : counts[b] ? '#1677ff' : '#bfbfbf'} data-testid={`dispute-box-${b}`} />}
            </Space>
          ),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('mediation.status')} style={{ width: 140 }} value={f.status || undefined} onChange={(v) => filter({ status: v })} options={disputeStatuses.map((s) => ({ value: s, label: t(`mediation.st.${s}`) }))} data-testid="dispute-filter-status" />
        <Select allowClear placeholder={t('mediation.category')} style={{ width: 170 }} value={f.category || undefined} onChange={(v) => filter({ category: v })} options={disputeCategories.map((c) => ({ value: c, label: t(`mediation.cat.${c}`) }))} />
        {committees.length > 1 && <Select allowClear showSearch optionFilterProp="label" placeholder={t('mediation.committee')} style={{ width: 200 }} value={f.committeeId || undefined} onChange={(v) => filter({ committeeId: v })} options={committees.map((c) => ({ value: c.id, label: c.name }))} />}
        <Input.Search key={f.q} defaultValue={f.q} placeholder={t('mediation.search')} allowClear onSearch={(q) => filter({ q })} style={{ width: 200 }} />
        {me.permissions.includes('dispute:register') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="dispute-register">{t('mediation.register')}</Button>}
        {me.permissions.includes('mediation:admin') && <Button icon={<TeamOutlined />} onClick={() => navigate('/mediation-org')} data-testid="mediation-org-open">{t('mediation.org.title')}</Button>}
      </Space>
      <ResponsiveTable
        rowKey="code"
        size="middle"
        data-testid="dispute-list"
        {...list.tableProps}
        scroll={{ x: 1000 }}
        onRow={(r) => ({ onClick: () => open(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('mediation.code'), dataIndex: 'code', width: 160, render: (c: string, r: DisputeListItem) => <Space size={4} wrap>{c}{r.escalationRisk && <Tag color="red">{t('mediation.urgent')}</Tag>}{r.scale !== 'ordinary' && <Tag color="volcano">{t(`mediation.scale.${r.scale}`)}</Tag>}</Space> },
          { title: t('mediation.remaining'), key: 'remaining', width: 130, render: (_: unknown, r: DisputeListItem) => <ClockTag dueAt={r.nextDueAt} colour={r.isOverdue ? 'red' : undefined} /> },
          { title: t('mediation.status'), dataIndex: 'status', width: 110, render: (s: string) => <Tag color={disputeStatusColour[s]} data-testid="dispute-row-status">{t(`mediation.st.${s}`)}</Tag> },
          { title: t('mediation.category'), dataIndex: 'category', width: 140, render: (c: string) => t(`mediation.cat.${c}`) },
          { title: t('mediation.parties'), dataIndex: 'firstParty', width: 120, render: (n: string | null, r: DisputeListItem) => (n ? `${n}${r.peopleCount > 1 ? t('mediation.andOthers', { n: r.peopleCount }) : ''}` : '—') },
          { title: t('mediation.facts'), dataIndex: 'facts', ellipsis: true },
          { title: t('mediation.mediator'), dataIndex: 'mediators', width: 120, render: (m: string[]) => (m.length ? m.join('、') : <Typography.Text type="secondary">{t('mediation.noMediator')}</Typography.Text>) },
          { title: t('mediation.committee'), dataIndex: 'committeeName', width: 180, render: (n: string | null) => n ?? '—' },
          { title: t('mediation.source'), dataIndex: 'source', width: 90, render: (s: string) => t(`mediation.src.${s}`) },
          { title: t('mediation.registeredAt'), dataIndex: 'registeredAt', width: 160, render: formatTime },
        ]}
      />
      <DisputeDrawer code={code ?? null} onClose={close} />
      <RegisterDisputeModal open={registering} onClose={() => setRegistering(false)} onRegistered={(c) => { setRegistering(false); open(c); }} />
    </>
  );
}
