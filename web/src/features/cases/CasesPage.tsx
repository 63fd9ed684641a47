/**
 * 案件: the inboxes the server says this user may list (with counts), a filtered list with the time left on each
 * case (sortable: nearest due first), batch dispatch, export, and the case card. The inbox, filters, sort and page
 * live in the query string (a reload or a shared link keeps them); /cases/<code> opens that case's card.
 */
import { useMemo, useState } from 'react';
import { App, Badge, Button, Cascader, DatePicker, Input, Modal, Select, Space, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { CaseListPage } from '../../../../core/schemas/cases.response';
import { formatTime } from '../../format';
import { useUrlState } from '../../data/url-state';
import { listQuery, usePagedList } from '../../data/use-paged-list';
import { useCatalog } from '../catalog/catalog.api';
import { useRegionChildren } from '../regions/regions.api';
import { useBatchDispatch } from './cases.api';
import { CaseDrawer } from './CaseDrawer';
import { NewCaseModal } from './NewCaseModal';
import { statusColour } from './case-colours';
import { useCaseBoxes } from './boxes.api';
import { remaining, toneColour } from './remaining';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { chinaDayEnd, chinaDayStart, chinaPickerValue } from '../../data/china-clock';

type CaseItem = CaseListPage['items'][number];
const filterNames = ['region', 'category', 'tier', 'status', 'channel', 'q', 'from', 'to', 'sort'] as const;

/** The time left on a case's nearest clock, coloured (green, amber within four hours, red past due). */
function RemainingCell({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  const r = remaining(item.nextDueAt, new Date());
  if (r.tone === 'none') return <span style={{ color: '#999' }}>{t(item.paused ? 'cases.remain.paused' : r.key)}</span>;
  return <Tag color={toneColour[r.tone]} data-testid="remaining">{t(r.key, { n: r.n })}</Tag>;
}

export function CasesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { code } = useParams();
  const { tree, departments, categories, categoryName } = useCatalog();
  const defaults = useMemo(() => ({ box: '', ...Object.fromEntries(filterNames.map((f) => [f, ''])) }) as Record<'box' | (typeof filterNames)[number], string>, []);
  const [f, setF] = useUrlState(defaults);
  const boxes = useCaseBoxes().data;
  // The server names the boxes this user may list (in tab order); the first is where the user starts.
  const box = boxes?.some((b) => b.box === f.box) ? f.box : (boxes?.[0]?.box ?? '');
  const regions = (useRegionChildren(me.scopeCode).data ?? []).map((k) => ({ value: k.code, label: k.name }));
  const filters = Object.fromEntries(filterNames.map((k) => [k, f[k] || undefined]));
  const list = usePagedList<CaseItem>({ path: '/api/cases', params: { box, ...filters }, enabled: !!box });
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState(false);
  const [batchDept, setBatchDept] = useState<string>();
  const [creating, setCreating] = useState(false);
  const batchDispatch = useBatchDispatch();
  /** Filters change the list from its first page. */
  const filter = (patch: Partial<Record<(typeof filterNames)[number] | 'box', string | undefined>>) => setF({ ...patch, page: undefined });

  // The card is a URL: opening pushes /cases/<code> (with the list's query), closing goes back to the list.
  const openCase = (c: string) => navigate({ pathname: `/cases/${c}`, search: location.search }, { state: { fromList: true } });
  const closeCase = () => ((location.state as { fromList?: boolean } | null)?.fromList ? navigate(-1) : navigate({ pathname: '/cases', search: location.search }, { replace: true }));

  const dispatchBatch = async () => {
    const r = await batchDispatch.run({ codes: selected, departmentId: batchDept });
    if (!r.ok) return;
    const ok = r.result.results.filter((x) => x.ok).length;
    message[ok === selected.length ? 'success' : 'warning'](t('cases.batchDone', { ok, total: selected.length }));
    setBatch(false);
    setSelected([]);
  };
  const canCreate = me.permissions.includes('case:create');
  const canExport = me.permissions.includes('case:export');
  const exportQuery = listQuery({ box, ...filters });
  const categoryValue = f.category ? [categories.find((c) => c.id === f.category)?.parentId ?? '', f.category] : undefined;

  return (
    <>
      <Tabs
        activeKey={box}
        onChange={(k) => { filter({ box: k }); setSelected([]); }}
        data-testid="case-boxes"
        items={(boxes ?? []).map((b) => ({
          key: b.box,
          label: (
            <Space size={6}>
              {t(`cases.box.${b.box}`)}
              {b.box !== 'all' && <Badge count={b.count} overflowCount={999} showZero color={b.box === 'overdue' && b.count ? '#cf1322' : b.count ? '#1677ff' : '#bfbfbf'} data-testid={`box-count-${b.box}`} />}
            </Space>
          ),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }} data-testid="case-filters">
        {regions.length > 0 && <Select allowClear placeholder={t('grids.regions')} style={{ width: 150 }} value={f.region || undefined} onChange={(v) => filter({ region: v })} options={regions} />}
        <Cascader options={tree} placeholder={t('cases.category')} style={{ width: 200 }} value={categoryValue} onChange={(v) => filter({ category: v?.[1] as string | undefined })} allowClear />
        <Select allowClear placeholder={t('cases.tier')} style={{ width: 120 }} value={f.tier || undefined} onChange={(v) => filter({ tier: v })} options={['minor', 'tricky', 'complex', 'hard'].map((x) => ({ value: x, label: t(`tier.${x}`) }))} data-testid="filter-tier" />
        <Select allowClear placeholder={t('cases.status')} style={{ width: 130 }} value={f.status || undefined} onChange={(v) => filter({ status: v })} options={Object.keys(statusColour).map((x) => ({ value: x, label: t(`status.${x}`) }))} data-testid="filter-status" />
        <Select allowClear placeholder={t('cases.channel')} style={{ width: 120 }} value={f.channel || undefined} onChange={(v) => filter({ channel: v })} options={['web', 'visit', 'letter', 'phone', 'video', 'hotline', 'patrol', 'alarm', 'open311', 'app'].map((x) => ({ value: x, label: t(`channel.${x}`) }))} />
        <DatePicker.RangePicker
          value={f.from && f.to ? [chinaPickerValue(f.from), chinaPickerValue(f.to)] : null}
          onChange={(v) => filter(v && v[0] && v[1] ? { from: chinaDayStart(v[0]), to: chinaDayEnd(v[1]) } : { from: undefined, to: undefined })}
        />
        <Input.Search key={f.q} defaultValue={f.q} placeholder={t('cases.search')} allowClear onSearch={(q) => filter({ q })} style={{ width: 200 }} data-testid="case-search" />
        {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('cases.new')}</Button>}
        {selected.length > 0 && <Button icon={<SendOutlined />} onClick={() => { batchDispatch.begin(); setBatch(true); }}>{t('cases.batchDispatch', { n: selected.length })}</Button>}
        {canExport && (
          <>
            <Button icon={<DownloadOutlined />} href={`/api/cases/export?format=xlsx&${exportQuery}`}>XLSX</Button>
            <Button icon={<DownloadOutlined />} href={`/api/cases/export?format=csv&${exportQuery}`}>CSV</Button>
          </>
        )}
      </Space>
      <ResponsiveTable
        rowKey="code"
        size="middle"
        {...list.tableProps}
        scroll={{ x: 1000 }}
        // Checkboxes only where batch dispatch is possible, and only on rows this user may dispatch.
        rowSelection={box === 'toDispatch' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r: CaseItem) => ({ disabled: !r.allowedActions.includes('dispatch') }) } : undefined}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (s?.columnKey === 'remaining') filter({ sort: s.order ? 'due' : undefined });
        }}
        onRow={(r) => ({ onClick: () => openCase(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('cases.code'), dataIndex: 'code', width: 150, render: (c: string, r: CaseItem) => <Space size={4}>{c}{r.urgency !== 'normal' && <Tag color="red">{t(`urgency.${r.urgency}`)}</Tag>}</Space> },
          { title: t('cases.status'), dataIndex: 'status', width: 110, render: (s: string, r: CaseItem) => <Badge dot={r.isOverdue} offset={[4, 0]}><Tag color={statusColour[s]}>{t(`status.${s}`)}</Tag></Badge> },
          { title: t('cases.remaining'), key: 'remaining', width: 120, sorter: true, sortOrder: f.sort === 'due' ? 'ascend' : null, sortDirections: ['ascend', null], showSorterTooltip: { title: t('cases.sortByDue') }, render: (_: unknown, r: CaseItem) => <RemainingCell item={r} /> },
          { title: t('cases.category'), dataIndex: 'categoryName', width: 120, render: (n: string, r: CaseItem) => categoryName(r.categoryId, n) },
          { title: t('cases.tier'), dataIndex: 'tier', width: 80, render: (x: string) => t(`tier.${x}`) },
          { title: t('cases.description'), dataIndex: 'description', ellipsis: true },
          { title: t('grids.village'), dataIndex: 'villageName', width: 110 },
          { title: t('cases.unit'), dataIndex: 'unitLevel', width: 90, render: (x: string) => t(`level.${x}`) },
          { title: t('cases.channel'), dataIndex: 'channel', width: 80, render: (x: string) => t(`channel.${x}`) },
          { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 170, render: formatTime },
        ]}
      />
      <CaseDrawer code={code ?? null} onClose={closeCase} departments={departments} />
      <NewCaseModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); openCase(c); }} tree={tree} />
      <Modal open={batch} title={t('cases.batchDispatch', { n: selected.length })} onOk={dispatchBatch} confirmLoading={batchDispatch.pending} okButtonProps={{ disabled: !batchDept }} onCancel={() => setBatch(false)}>
        <Select style={{ width: '100%' }} placeholder={t('cases.department')} value={batchDept} onChange={setBatchDept} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
      </Modal>
    </>
  );
}
