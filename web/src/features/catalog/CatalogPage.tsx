/** 事项与规则: categories (public or private, default tier), departments and what they own, routing rules, holidays. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { Category } from '../../../../core/schemas/catalog.response';
import { EVERY_COUNTY, SHARED_OWNER, mayChangeOwned } from '../../../../core/reference-owner';
import { useCalendar, useCatalog, useCreateDepartment, useDeadlinePolicies, useImportCalendar, useRoutingRules, useSetDeadlinePolicy, useSetRoutingRules, useUpdateCategory } from './catalog.api';

const tiers = ['minor', 'tricky', 'complex', 'hard'];
const levels = ['village', 'township', 'department', 'county'];

export function CatalogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { categories, departments } = useCatalog();
  const [county, setCounty] = useState(me.scopeCode.slice(0, 6) === '632200' ? '632221' : me.scopeCode.slice(0, 6));
  const saved = useRoutingRules(county).data;
  const [rules, setRules] = useState<Record<string, string> | null>(null);
  useEffect(() => setRules(saved ?? null), [saved]);
  const calendar = useCalendar().data ?? [];
  const policies = useDeadlinePolicies().data ?? [];
  // Shared days are the prefecture's; a county administrator's holidays are their county's only.
  const calendarTarget = mayChangeOwned(me.scopeCode, SHARED_OWNER) ? EVERY_COUNTY : county;
  const [csv, setCsv] = useState('date,kind,name\n');
  const [deptForm] = Form.useForm();
  const [policyForm] = Form.useForm();
  const updateCategory = useUpdateCategory();
  const createDepartment = useCreateDepartment();
  const setRouting = useSetRoutingRules();
  const setPolicy = useSetDeadlinePolicy();
  const importCalendar = useImportCalendar();
  const saidSaved = (r: { ok: boolean }) => r.ok && void message.success(t('grids.saved'));
  const patch = (id: string, body: Partial<Category>) => void updateCategory.run({ id, body }).then(saidSaved);

  return (
    <Tabs
      items={[
        {
          key: 'categories',
          label: t('catalog.categories'),
          children: (
            <Table size="small" rowKey="id" dataSource={categories.filter((c) => c.parentId)} pagination={false} columns={[
              { title: 'ID', dataIndex: 'id' },
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('catalog.group'), dataIndex: 'parentId', render: (p: string) => categories.find((c) => c.id === p)?.name },
              { title: t('catalog.public'), dataIndex: 'isPublic', render: (v: boolean, c: Category) => {
                const owned = mayChangeOwned(me.scopeCode, c.ownerCode ?? SHARED_OWNER);
                return <Switch checked={v} disabled={!owned} title={owned ? undefined : t('catalog.ownedAbove')} onChange={(x) => patch(c.id, { isPublic: x })} />;
              } },
              { title: t('catalog.defaultTier'), dataIndex: 'defaultTier', render: (v: string, c: Category) => <Select size="small" value={v} style={{ width: 110 }} onChange={(x) => patch(c.id, { defaultTier: x })} options={tiers.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /> },
            ]} />
          ),
        },
        {
          key: 'departments',
          label: t('catalog.departments'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title={t('catalog.newDepartment')}>
                <Form form={deptForm} layout="inline" onFinish={(v) => void createDepartment.run({ countyCode: county, name: v.name, categoryIds: v.categoryIds ?? [] }).then((r) => { saidSaved(r); if (r.ok) deptForm.resetFields(); })}>
                  <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('common.name')} /></Form.Item>
                  <Form.Item name="categoryIds"><Select mode="multiple" style={{ minWidth: 320 }} placeholder={t('catalog.owns')} options={categories.filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
                  <Button htmlType="submit" type="primary" loading={createDepartment.pending}>{t('common.ok')}</Button>
                </Form>
              </Card>
              <Table size="small" rowKey="id" dataSource={departments} pagination={false} columns={[
                { title: t('common.name'), dataIndex: 'name' },
                { title: t('catalog.county'), dataIndex: 'countyCode' },
                { title: t('catalog.owns'), dataIndex: 'categoryIds', render: (ids: string[]) => ids.map((i) => <Tag key={i}>{categories.find((c) => c.id === i)?.name ?? i}</Tag>) },
              ]} />
            </Space>
          ),
        },
        {
          key: 'routing',
          label: t('catalog.routing'),
          children: rules && (
            <Card size="small" title={`${t('catalog.county')} ${county}`} extra={<Input style={{ width: 120 }} value={county} maxLength={6} onChange={(e) => /^\d{6}$/.test(e.target.value) && setCounty(e.target.value)} />}>
              <Space direction="vertical">
                {tiers.map((tier) => (
                  <Space key={tier}><span style={{ width: 80, display: 'inline-block' }}>{t(`tier.${tier}`)}</span>→<Select style={{ width: 160 }} value={rules[tier]} onChange={(v) => setRules({ ...rules, [tier]: v })} options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Space>
                ))}
                <Button type="primary" loading={setRouting.pending} onClick={() => void setRouting.run({ countyCode: county, rules }).then(saidSaved)}>{t('common.ok')}</Button>
              </Space>
            </Card>
          ),
        },
        {
          key: 'deadlines',
          label: t('catalog.deadlines'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title={t('catalog.setDeadline')}>
                <Form form={policyForm} layout="inline" initialValues={{ countyCode: county, categoryId: '*', tier: 'minor', firstResponseMinutes: 60, stageDays: 1, totalDays: 3, mode: 'working' }}
                  onFinish={(v) => void setPolicy.run({ countyCode: v.countyCode, categoryId: v.categoryId, tier: v.tier, firstResponseMinutes: v.firstResponseMinutes, stageMinutes: v.stageDays * 1440, totalMinutes: v.totalDays * 1440, mode: v.mode }).then(saidSaved)}>
                  <Form.Item name="countyCode" label={t('catalog.county')}><Input style={{ width: 90 }} maxLength={6} /></Form.Item>
                  <Form.Item name="categoryId" label={t('cases.category')}><Select style={{ width: 160 }} options={[{ value: '*', label: t('catalog.anyCategory') }, ...categories.filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name }))]} /></Form.Item>
                  <Form.Item name="tier" label={t('cases.tier')}><Select style={{ width: 100 }} options={tiers.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /></Form.Item>
                  <Form.Item name="firstResponseMinutes" label={t('clock.first_response')}><InputNumber min={1} addonAfter={t('kpi.minutes')} style={{ width: 130 }} /></Form.Item>
                  <Form.Item name="stageDays" label={t('clock.stage')}><InputNumber min={1} addonAfter={t('action.days')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name="totalDays" label={t('clock.total')}><InputNumber min={1} addonAfter={t('action.days')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name="mode"><Select style={{ width: 110 }} options={[{ value: 'working', label: t('catalog.workingDays') }, { value: 'calendar', label: t('catalog.calendarDays') }]} /></Form.Item>
                  <Button htmlType="submit" type="primary">{t('common.ok')}</Button>
                </Form>
              </Card>
              <Table size="small" rowKey={(p) => `${p.countyCode}/${p.categoryId}/${p.tier}`} dataSource={policies} pagination={false} columns={[
                { title: t('catalog.county'), dataIndex: 'countyCode', render: (c: string) => (c === '000000' ? t('catalog.default') : c) },
                { title: t('cases.category'), dataIndex: 'categoryId', render: (c: string) => (c === '*' ? t('catalog.anyCategory') : (categories.find((x) => x.id === c)?.name ?? c)) },
                { title: t('cases.tier'), dataIndex: 'tier', render: (x: string) => t(`tier.${x}`) },
                { title: t('clock.first_response'), dataIndex: 'firstResponseMinutes', render: (m: number) => `${m} ${t('kpi.minutes')}` },
                { title: t('clock.stage'), dataIndex: 'stageMinutes', render: (m: number) => `${m / 1440} ${t('action.days')}` },
                { title: t('clock.total'), dataIndex: 'totalMinutes', render: (m: number) => `${m / 1440} ${t('action.days')}` },
                { title: '', dataIndex: 'mode', render: (m: string) => (m === 'working' ? t('catalog.workingDays') : t('catalog.calendarDays')) },
              ]} />
            </Space>
          ),
        },
        {
          key: 'calendar',
          label: t('catalog.calendar'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
              <Button type="primary" loading={importCalendar.pending} onClick={() => void importCalendar.run({ csv, countyCode: calendarTarget }).then(saidSaved)}>{t('catalog.import')} · {calendarTarget === EVERY_COUNTY ? t('catalog.allCounties') : calendarTarget}</Button>
              <Table size="small" rowKey={(r) => `${r.countyCode}-${r.day}`} dataSource={calendar} pagination={{ pageSize: 20 }} columns={[{ title: t('audit.at'), dataIndex: 'day' }, { title: t('catalog.county'), dataIndex: 'countyCode', render: (c: string) => (c === EVERY_COUNTY ? t('catalog.allCounties') : c) }, { title: t('grids.kind'), dataIndex: 'kind', render: (k: string) => t(`calendar.${k}`) }, { title: t('common.name'), dataIndex: 'name' }]} />
            </Space>
          ),
        },
      ]}
    />
  );
}
