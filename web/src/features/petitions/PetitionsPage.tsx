/**
 * 信访: the petition officer's workbench. Boxes (new, due today, overdue, documents to serve, replies awaiting
 * service, my body's inbox) with counts, a list with the time left on each petition's nearest clock, the
 * registration form, and the card at /petitions/<code>. The box, filters and page live in the query string.
 */
import { useMemo, useState } from 'react';
import { Badge, Button, Input, Select, Space, Tabs, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { PetitionListItem } from '../../../../core/schemas/petitions.response';
import { petitionChannels, petitionKinds, petitionStatuses } from '../../../../core/workflow/petition-workflow';
import { formatTime } from '../../format';
import { useUrlState } from '../../data/url-state';
import { usePagedList } from '../../data/use-paged-list';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { useRegionChildren } from '../regions/regions.api';
import { usePetitionBoxes } from './petitions.api';
import { ClockTag, WindowTag } from './ClockTag';
import { windowView } from './petition-clock';
import { petitionStatusColour } from './petition-labels';
import { PetitionDrawer } from './PetitionDrawer';
import { RegisterModal } from './RegisterModal';

const filterNames = ['region', 'status', 'kind', 'channel', 'q', 'sort'] as const;
/** Replies awaiting service: the "to serve" box narrowed to written replies and opinions (复查/复核 windows start at their service). */
const replyStatuses = 'replied,reviewed,re_reviewed';
const tabOrder = ['new', 'dueToday', 'overdue', 'toServe', 'repliesToServe', 'inbox', 'all'];
/** A row of the register (with the petitioner's running 复查/复核 window, windowDueAt). */
type Row = PetitionListItem;

export function PetitionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { code } = useParams();
  const defaults = useMemo(() => ({ box: '', ...Object.fromEntries(filterNames.map((f) => [f, ''])) }) as Record<'box' | (typeof filterNames)[number], string>, []);
  const [f, setF] = useUrlState(defaults);
  const boxes = usePetitionBoxes().data;
  // The server names the boxes this user may list; "replies awaiting service" is its "to serve" box narrowed by status.
  const tabs = boxes ? [...boxes, ...(boxes.some((b) => b.box === 'toServe') ? [{ box: 'repliesToServe', count: -1 }] : [])].sort((a, b) => tabOrder.indexOf(a.box) - tabOrder.indexOf(b.box)) : [];
  const box = tabs.some((b) => b.box === f.box) ? f.box : (tabs[0]?.box ?? '');
  const serverBox = box === 'repliesToServe' ? 'toServe' : box;
  const status = box === 'repliesToServe' ? replyStatuses : f.status || undefined;
  const list = usePagedList<Row>({ path: '/api/petitions', params: { box: serverBox, status, region: f.region || undefined, kind: f.kind || undefined, channel: f.channel || undefined, q: f.q || undefined, sort: f.sort || undefined }, enabled: !!serverBox });
  // A leader's view: the register narrowed to one of the regions under them (a township, a village).
  const regions = (useRegionChildren(me.scopeCode).data ?? []).map((k) => ({ value: k.code, label: k.name }));
  const [registering, setRegistering] = useState(false);
  const filter = (patch: Partial<Record<(typeof filterNames)[number] | 'box', string | undefined>>) => setF({ ...patch, page: undefined });
  const open = (c: string) => navigate({ pathname: `/petitions/${c}`, search: location.search }, { state: { fromList: true } });
  const close = () => ((location.state as { fromList?: boolean } | null)?.fromList ? navigate(-1) : navigate({ pathname: '/petitions', search: location.search }, { replace: true }));
  const canRegister = me.permissions.includes('petition:register');

  return (
    <>
      <Tabs
        activeKey={box}
        onChange={(k) => filter({ box: k, status: undefined })}
        data-testid="petition-boxes"
        items={tabs.map((b) => ({
          key: b.box,
          label: (
            <Space size={6}>
              {t(`petitions.box.${b.box}`)}
              {b.box !== 'all' && b.count >= 0 && <Badge count={b.count} overflowCount={999} showZero color={b.box === 'overdue' && b.count ? '#cf1322' : b.count ? '#1677ff' : '#bfbfbf'} data-testid={`petition-box-${b.box}`} />}
            </Space>
          ),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        {regions.length > 0 && <Select allowClear placeholder={t('grids.regions')} style={{ width: 150 }} value={f.region || undefined} onChange={(v) => filter({ region: v })} options={regions} />}
        {box !== 'repliesToServe' && <Select allowClear placeholder={t('petitions.status')} style={{ width: 140 }} value={f.status || undefined} onChange={(v) => filter({ status: v })} options={petitionStatuses.map((s) => ({ value: s, label: t(`petitions.st.${s}`) }))} data-testid="petition-filter-status" />}
        <Select allowClear placeholder={t('petitions.kind')} style={{ width: 130 }} value={f.kind || undefined} onChange={(v) => filter({ kind: v })} options={petitionKinds.map((k) => ({ value: k, label: t(`petitions.kinds.${k}`) }))} />
        <Select allowClear placeholder={t('petitions.channel')} style={{ width: 120 }} value={f.channel || undefined} onChange={(v) => filter({ channel: v })} options={petitionChannels.map((c) => ({ value: c, label: t(`petitions.channels.${c}`) }))} />
        <Input.Search key={f.q} defaultValue={f.q} placeholder={t('petitions.search')} allowClear onSearch={(q) => filter({ q })} style={{ width: 200 }} />
        {canRegister && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="petition-register">{t('petitions.register')}</Button>}
      </Space>
      <ResponsiveTable
        rowKey="code"
        size="middle"
        data-testid="petition-list"
        {...list.tableProps}
        scroll={{ x: 1180 }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (s?.columnKey === 'remaining') filter({ sort: s.order ? 'due' : undefined });
        }}
        onRow={(r) => ({ onClick: () => open(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('petitions.code'), dataIndex: 'code', width: 170, render: (c: string, r: Row) => <Space size={4} wrap>{c}{r.collective && <Tag color="red">{t('petitions.collective')}</Tag>}{r.skippedLevel && <Tag color="volcano">{t('petitions.skippedLevel')}</Tag>}</Space> },
          { title: t('petitions.remaining'), key: 'remaining', width: 160, sorter: true, sortOrder: f.sort === 'due' ? 'ascend' : null, sortDirections: ['ascend', null], render: (_: unknown, r: Row) => (windowView(r, new Date()) ? <WindowTag p={r} /> : <ClockTag dueAt={r.nextDueAt} colour={r.isOverdue ? 'red' : (r.nextDueColour ?? undefined)} />) },
          { title: t('petitions.status'), dataIndex: 'status', width: 120, render: (s: string, r: Row) => <Space size={4} wrap><Tag color={petitionStatusColour[s]}>{t(`petitions.st.${s}`)}</Tag>{r.toServe && windowView(r, new Date())?.kind !== 'toServe' && <Tooltip title={t('petitions.toServeHint')}><Tag color="orange">{t('petitions.toServe')}</Tag></Tooltip>}</Space> },
          { title: t('petitions.channel'), dataIndex: 'channel', width: 80, render: (c: string) => t(`petitions.channels.${c}`) },
          { title: t('petitions.kind'), dataIndex: 'kind', width: 96, render: (k: string) => t(`petitions.kinds.${k}`) },
          { title: t('petitions.matter'), dataIndex: 'matter', ellipsis: true },
          { title: t('petitions.body'), key: 'body', width: 150, render: (_: unknown, r: Row) => r.body?.name ?? '—' },
          { title: t('petitions.petitioner'), dataIndex: 'petitionerName', width: 110, render: (n: string | null, r: Row) => (n ? `${n}${r.peopleCount > 1 ? t('petitions.andOthers', { n: r.peopleCount }) : ''}` : '—') },
          { title: t('petitions.registeredAt'), dataIndex: 'registeredAt', width: 160, render: formatTime },
        ]}
      />
      <PetitionDrawer code={code ?? null} onClose={close} onOpen={open} />
      <RegisterModal open={registering} onClose={() => setRegistering(false)} onRegistered={(c) => { setRegistering(false); open(c); }} />
    </>
  );
}
