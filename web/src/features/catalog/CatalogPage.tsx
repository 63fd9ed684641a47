/** 事项与规则: categories (public or private, default tier), departments and what they own, routing rules, holidays. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';
import { useCatalog, type Category } from '../cases/useCatalog';
import { EVERY_COUNTY, SHARED_OWNER, mayChangeOwned } from '../../../../core/reference-owner';

const tiers = ['minor', 'tricky', 'complex', 'hard'];
const levels = ['village', 'township', 'department', 'county'];

export function CatalogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { categories, departments } = useCatalog();
  const [cats, setCats] = useState<Category[]>([]);
  const [county, setCounty] = useState(me.scopeCode.slice(0, 6) === '632200' ? '632221' : me.scopeCode.slice(0, 6));
  const [rules, setRules] = useState<Record<string, string> | null>(null);
  const [calendar, setCalendar] = useState<{ countyCode: string; day: string; kind: string; name: string }[]>([]);
  // Shared days are the prefecture's; a county administrator's holidays are their county's only.
  const calendarTarget = mayChangeOwned(me.scopeCode, SHARED_OWNER) ? EVERY_COUNTY : county;
  const [csv, setCsv] = useState('date,kind,name\n');
  const [deptForm] = Form.useForm();
  const [policyForm] = Form.useForm();
  const [policies, setPolicies] = useState<{ countyCode: string; categoryId: string; tier: string; firstResponseMinutes: number; stageMinutes: number; totalMinutes: number; mode: string }[]>([]);
  const loadPolicies = useCallback(() => void api<typeof policies>('/api/deadline-policies').then(setPolicies), []);
  useEffect(loadPolicies, [loadPolicies]);
  useEffect(() => setCats(categories), [categories]);
  const loadRules = useCallback(() => void api<Record<string, string>>(`/api/routing-rules?county=${county}`).then(setRules), [county]);
  useEffect(loadRules, [loadRules]);
  const loadCalendar = useCallback(() => void api<typeof calendar>('/api/calendar').then(setCalendar), []);
  useEffect(loadCalendar, [loadCalendar]);
  const run = async (p: Promise<unknown>, then?: () => void) => {
    try {
      await p;
      message.success(t('grids.saved'));
      then?.();
    } catch (e) {
      message.error(e instanceof ApiError ? `${e.body.message} ${(e.body.details ?? []).map((d) => d.message).join('; ')}` : String(e));
    }
  };
  const patch = (id: string, body: Partial<Category>) => run(api<Category>(`/api/categories/${id}`, { method: 'PATCH', body }).then((c) => setCats((old) => old.map((x) => (x.id === id ? { ...x, ...c } : x)))));

  return (
    <Tabs
      items={[
        {
          key: 'categories',
          label: t('catalog.categories'),
          children: (
            <Table size="small" rowKey="id" dataSource={cats.filter((c) => c.parentId)} pagination={false} columns={[
              { title: 'ID', dataIndex: 'id' },
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('catalog.group'), dataIndex: 'parentId', render: (p: string) => cats.find((c) => c.id === p)?.name },
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
                <Form form={deptForm} layout="inline" onFinish={(v) => run(api('/api/departments', { method: 'POST', body: { countyCode: county, name: v.name, categoryIds: v.categoryIds ?? [] } }), () => location.reload())}>
                  <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('common.name')} /></Form.Item>
                  <Form.Item name="categoryIds"><Select mode="multiple" style={{ minWidth: 320 }} placeholder={t('catalog.owns')} options={categories.filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
                  <Button htmlType="submit" type="primary">{t('common.ok')}</Button>
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
                <Button type="primary" onClick={() => run(api('/api/routing-rules', { method: 'PUT', body: { countyCode: county, rules } }), loadRules)}>{t('common.ok')}</Button>
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
                  onFinish={(v) => run(api('/api/deadline-policies', { method: 'PUT', body: { countyCode: v.countyCode, categoryId: v.categoryId, tier: v.tier, firstResponseMinutes: v.firstResponseMinutes, stageMinutes: v.stageDays * 1440, totalMinutes: v.totalDays * 1440, mode: v.mode } }), loadPolicies)}>
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
              <Button type="primary" onClick={() => run(api('/api/calendar/import', { method: 'POST', body: { csv, countyCode: calendarTarget } }), loadCalendar)}>{t('catalog.import')} · {calendarTarget === EVERY_COUNTY ? t('catalog.allCounties') : calendarTarget}</Button>
              <Table size="small" rowKey={(r) => `${r.countyCode}-${r.day}`} dataSource={calendar} pagination={{ pageSize: 20 }} columns={[{ title: t('audit.at'), dataIndex: 'day' }, { title: t('catalog.county'), dataIndex: 'countyCode', render: (c: string) => (c === EVERY_COUNTY ? t('catalog.allCounties') : c) }, { title: t('grids.kind'), dataIndex: 'kind', render: (k: string) => t(`calendar.${k}`) }, { title: t('common.name'), dataIndex: 'name' }]} />
            </Space>
          ),
        },
      ]}
    />
  );
}
