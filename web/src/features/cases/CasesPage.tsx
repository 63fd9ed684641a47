/** 案件: inboxes per role, a filtered list, batch dispatch, export, and the case card. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Cascader, DatePicker, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api } from '../../api';
import { formatTime } from '../../format';
import { useCatalog } from './useCatalog';
import { CaseDrawer } from './CaseDrawer';
import { NewCaseModal } from './NewCaseModal';

export interface CaseItem {
  code: string; status: string; outcome: string | null; categoryName: string; tier: string; urgency: string; channel: string; description: string;
  villageName: string; unitLevel: string; isOverdue: boolean; paused: boolean; meTooCount: number; createdAt: string;
}

const boxes = ['toAccept', 'toDispatch', 'mine', 'toVerify', 'toFollowUp', 'overdue', 'all'] as const;
export const statusColour: Record<string, string> = { submitted: 'orange', accepted: 'gold', dispatched: 'blue', in_progress: 'geekblue', reported_back: 'purple', verified: 'cyan', followed_up: 'lime', closed: 'green', rejected: 'default', redirected: 'default', merged: 'default' };

export function CasesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { tree, departments } = useCatalog();
  const [box, setBox] = useState<(typeof boxes)[number]>(me.role === 'handler' || me.role === 'gridWorker' ? 'mine' : me.role === 'leader' ? 'overdue' : 'toAccept');
  const [filters, setFilters] = useState<{ region?: string; category?: string; tier?: string; status?: string; channel?: string; q?: string; range?: [Dayjs, Dayjs] | null }>({});
  const [regions, setRegions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api<{ code: string; name: string }[]>(`/api/regions/${me.scopeCode}/children`).then((kids) => setRegions(kids.map((k) => ({ value: k.code, label: k.name })))).catch(() => setRegions([]));
  }, [me.scopeCode]);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: CaseItem[]; total: number }>({ items: [], total: 0 });
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState(false);
  const [batchDept, setBatchDept] = useState<string>();
  const [creating, setCreating] = useState(false);

  const query = useCallback(() => {
    const qs = new URLSearchParams({ box, page: String(page), pageSize: '20' });
    for (const k of ['region', 'category', 'tier', 'status', 'channel', 'q'] as const) if (filters[k]) qs.set(k, filters[k]!);
    if (filters.range) {
      qs.set('from', filters.range[0].startOf('day').toISOString());
      qs.set('to', filters.range[1].endOf('day').toISOString());
    }
    return qs;
  }, [box, page, filters]);
  // Only the newest request may fill the table: switching tabs quickly must not show an older answer.
  const latest = useRef(0);
  const load = useCallback(() => {
    const n = ++latest.current;
    void api<{ items: CaseItem[]; total: number }>(`/api/cases?${query()}`).then((d) => n === latest.current && setData(d));
  }, [query]);
  useEffect(load, [load]);

  const dispatchBatch = async () => {
    const r = await api<{ results: { code: string; ok: boolean; error?: string }[] }>('/api/cases/batch-dispatch', { method: 'POST', body: { codes: selected, departmentId: batchDept } });
    const ok = r.results.filter((x) => x.ok).length;
    message[ok === selected.length ? 'success' : 'warning'](t('cases.batchDone', { ok, total: selected.length }));
    setBatch(false);
    setSelected([]);
    load();
  };
  const canCreate = me.permissions.includes('case:create');
  const canExport = me.permissions.includes('case:export');

  return (
    <>
      <Tabs activeKey={box} onChange={(k) => { setBox(k as typeof box); setPage(1); setSelected([]); }} items={boxes.map((b) => ({ key: b, label: t(`cases.box.${b}`) }))} />
      <Space wrap style={{ marginBottom: 12 }}>
        {regions.length > 0 && <Select allowClear placeholder={t('grids.regions')} style={{ width: 150 }} onChange={(v) => setFilters((f) => ({ ...f, region: v }))} options={regions} />}
        <Cascader options={tree} placeholder={t('cases.category')} style={{ width: 200 }} onChange={(v) => setFilters((f) => ({ ...f, category: v?.[1] as string | undefined }))} allowClear />
        <Select allowClear placeholder={t('cases.tier')} style={{ width: 120 }} onChange={(v) => setFilters((f) => ({ ...f, tier: v }))} options={['minor', 'tricky', 'complex', 'hard'].map((x) => ({ value: x, label: t(`tier.${x}`) }))} />
        <Select allowClear placeholder={t('cases.status')} style={{ width: 130 }} onChange={(v) => setFilters((f) => ({ ...f, status: v }))} options={Object.keys(statusColour).map((x) => ({ value: x, label: t(`status.${x}`) }))} />
        <Select allowClear placeholder={t('cases.channel')} style={{ width: 120 }} onChange={(v) => setFilters((f) => ({ ...f, channel: v }))} options={['web', 'visit', 'letter', 'phone', 'video', 'hotline', 'patrol', 'alarm', 'open311', 'app'].map((x) => ({ value: x, label: t(`channel.${x}`) }))} />
        <DatePicker.RangePicker onChange={(v) => setFilters((f) => ({ ...f, range: v && v[0] && v[1] ? [v[0], v[1]] : null }))} />
        <Input.Search placeholder={t('cases.search')} allowClear onSearch={(q) => setFilters((f) => ({ ...f, q }))} style={{ width: 200 }} />
        {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('cases.new')}</Button>}
        {selected.length > 0 && <Button icon={<SendOutlined />} onClick={() => setBatch(true)}>{t('cases.batchDispatch', { n: selected.length })}</Button>}
        {canExport && (
          <>
            <Button icon={<DownloadOutlined />} href={`/api/cases/export?format=xlsx&${query()}`}>XLSX</Button>
            <Button icon={<DownloadOutlined />} href={`/api/cases/export?format=csv&${query()}`}>CSV</Button>
          </>
        )}
      </Space>
      <Table
        rowKey="code"
        size="middle"
        dataSource={data.items}
        scroll={{ x: 1000 }}
        rowSelection={box === 'toDispatch' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
        onRow={(r) => ({ onClick: () => setOpen(r.code), style: { cursor: 'pointer' } })}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('cases.code'), dataIndex: 'code', width: 150, render: (c: string, r: CaseItem) => <Space size={4}>{c}{r.urgency !== 'normal' && <Tag color="red">{t(`urgency.${r.urgency}`)}</Tag>}</Space> },
          { title: t('cases.status'), dataIndex: 'status', width: 110, render: (s: string, r: CaseItem) => <Badge dot={r.isOverdue} offset={[4, 0]}><Tag color={statusColour[s]}>{t(`status.${s}`)}</Tag></Badge> },
          { title: t('cases.category'), dataIndex: 'categoryName', width: 120 },
          { title: t('cases.tier'), dataIndex: 'tier', width: 80, render: (x: string) => t(`tier.${x}`) },
          { title: t('cases.description'), dataIndex: 'description', ellipsis: true },
          { title: t('grids.village'), dataIndex: 'villageName', width: 110 },
          { title: t('cases.unit'), dataIndex: 'unitLevel', width: 90, render: (x: string) => t(`level.${x}`) },
          { title: t('cases.channel'), dataIndex: 'channel', width: 80, render: (x: string) => t(`channel.${x}`) },
          { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 170, render: formatTime },
        ]}
      />
      <CaseDrawer code={open} onClose={() => setOpen(null)} onChanged={load} departments={departments} />
      <NewCaseModal open={creating} onClose={() => setCreating(false)} onCreated={(code) => { setCreating(false); load(); setOpen(code); }} tree={tree} />
      <Modal open={batch} title={t('cases.batchDispatch', { n: selected.length })} onOk={dispatchBatch} okButtonProps={{ disabled: !batchDept }} onCancel={() => setBatch(false)}>
        <Select style={{ width: '100%' }} placeholder={t('cases.department')} value={batchDept} onChange={setBatchDept} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
      </Modal>
    </>
  );
}
